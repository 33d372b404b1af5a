using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Structs;
using Prom.Testing;
using Prom.Testing.Verifiers;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Declaration forms beyond the layout cases, and the generator's failure path.</summary>
public sealed class StructDeclarationTests
{
    [Fact]
    public void NestedInPartialClassesAndRecordStructs_Generate()
    {
        CompilationRun run = StructTestSource.Compile("""
            namespace Game;
            public static partial class Outer
            {
                public partial class Inner
                {
                    [Struct] public partial record struct Sample { public partial int A { get; init; } public partial float B { get; set; } }
                }
            }
            public static class Probe
            {
                public static string Run()
                {
                    var s = new Outer.Inner.Sample { A = 7, B = 2.5f };
                    var bytes = new byte[Outer.Inner.Sample.Layout.Size];
                    Outer.Inner.Sample.Write(s, bytes);
                    return Outer.Inner.Sample.Read(bytes).ToString();
                }
            }
            """).AssertClean();
        using LoadedAssembly assembly = run.Load();
        Assert.Equal("Sample { A = 7, B = 2.5 }", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    [Fact]
    public void GlobalNamespace_Generates()
    {
        CompilationRun run = StructTestSource.Compile("[Struct] public partial struct Flat { public partial double V { get; set; } }").AssertClean();
        Assert.Contains("partial struct Flat : global::Prom.IStruct<global::Flat>", run.Generated("Flat.Struct.g.cs"));
    }

    [Fact]
    public Task InvalidDeclaration_GetsAPlaceholderSoOnlyThePromDiagnosticRemains()
    {
        // Without the placeholder the compiler reports CS9248 for S and A, and a command-line build stops before
        // the analyzer's PROM0002 is shown. The golden file is the placeholder: every partial member, throwing.
        PromGeneratorTest test = Test("""
            [Struct] public partial struct Bad { public partial string? {|#0:S|} { get; set; } public partial ref int A { get; } }
            public static class Use { public static string? Read(Bad b) => b.S; }
            """);
        test.ExpectedDiagnostics.Add(Diagnostic("PROM0002", 0, "Member 'S' of [Struct] 'Bad' has type 'string?', which holds managed references and cannot be part of a fixed-size blittable layout"));
        return Golden.VerifyAsync("Structs", "Placeholder", test);
    }

    [Fact]
    public Task NonPartialStruct_IsReportedByTheGeneratorBecauseTheCompilerWouldHideTheAnalyzer()
    {
        // The generator reports these itself (nothing can be generated for a non-partial struct, so no placeholder
        // can keep the compiler quiet); the analyzer stays silent rather than report them twice.
        PromGeneratorTest test = Test("[Struct] public struct {|#0:Bad|} { public string {|#1:S|}; }");
        test.ExpectedDiagnostics.Add(Diagnostic("PROM0001", 0, "'Bad' is marked [Struct] but is not partial; declare it 'partial struct Bad' so the generator can add its storage"));
        test.ExpectedDiagnostics.Add(Diagnostic("PROM0008", 1, "Member 'S' of [Struct] 'Bad' declares storage the generator cannot place; declare it as a partial property: 'public partial string S { get; set; }'"));
        return test.RunAsync(); // no generated source listed: nothing may be generated
    }

    private static PromGeneratorTest Test(string source)
    {
        PromGeneratorTest test = Golden.Test(new[] { StructTestSource.Usings + source }, Array.Empty<MetadataReference>(), typeof(StructGenerator));
        test.Analyzers.Add(new StructAnalyzer());
        return test;
    }

    [Fact]
    public async Task EmitterFailure_BecomesPROM0900AndOtherStructsStillGenerate()
    {
        PromGeneratorTest test = Golden.Test(
            new[]
            {
                StructTestSource.Usings + """
                [Struct] public partial struct Broken { public partial int {|CS9248:A|} { get; set; } }
                [Struct] public partial struct Fine { public partial int A { get; set; } }
                """,
            },
            Array.Empty<MetadataReference>(),
            typeof(BrokenStructGenerator));
        // The failed struct gets no code at all (not even a placeholder), so the compiler's CS9248 stands next to it.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PROM0900", DiagnosticSeverity.Error)
            .WithMessage("The [Struct] generator failed on 'Broken': InvalidOperationException: emitter exploded; no code was generated for it, please report this"));
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        await test.RunAsync();
        Assert.Equal(new[] { "Fine.Struct.g.cs" }, test.Generated.Select(file => file.HintName).ToArray());
    }

    /// <summary>The [Struct] generator with an emitter that throws for 'Broken' (the framework creates generators from their type).</summary>
    public sealed class BrokenStructGenerator : IIncrementalGenerator
    {
        private readonly StructGenerator _inner = new(model => model.Name == "Broken"
            ? throw new InvalidOperationException("emitter exploded")
            : StructGenerator.Emitter.Emit(model));

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context) => _inner.Initialize(context);
    }
}
