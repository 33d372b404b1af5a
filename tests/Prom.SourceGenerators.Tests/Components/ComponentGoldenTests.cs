using System.Threading.Tasks;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.Testing.Verifiers;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.SourceGenerators.Tests.Components;

/// <summary>Generated [Component] code compared with golden files (see <see cref="Golden"/>), analyzers silent.</summary>
public sealed class ComponentGoldenTests
{
    [Fact]
    public Task Components_MatchGoldenFilesAndAreSilent()
    {
        PromGeneratorTest test = Test(ComponentGeneratorTests.Components);
        return Golden.VerifyAsync("Components", "Game", test);
    }

    [Fact]
    public Task ComponentWithoutStruct_ReportsPROM0100AndGeneratesNothing()
    {
        PromGeneratorTest test = Test("using Prom; namespace Game; [Component] public partial struct {|#0:Loose|} { }");
        test.ExpectedDiagnostics.Add(Diagnostic("PROM0100", 0, "'Loose' is marked [Component] but not [Struct]; mark it [Struct, Component] so its leaves can become SoA columns"));
        return test.RunAsync(); // no generated source listed: nothing may be generated
    }

    private static PromGeneratorTest Test(string source)
    {
        PromGeneratorTest test = Golden.Test(new[] { source }, new[] { PromTestProject.ReferenceTo<Prom.Ecs.World>() }, typeof(StructGenerator), typeof(ComponentGenerator));
        test.Analyzers.Add(new StructAnalyzer());
        test.Analyzers.Add(new ComponentAnalyzer());
        return test;
    }
}
