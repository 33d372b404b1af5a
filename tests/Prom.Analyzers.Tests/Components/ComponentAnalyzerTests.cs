using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Components;
using Prom.CodeFixes.Components;
using Prom.Testing.Verifiers;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Components;

public sealed class ComponentAnalyzerTests
{
    private const string Usings = "using Prom;\n";

    private static Task VerifyAsync(string markup, params DiagnosticResult[] expected)
    {
        var test = new PromAnalyzerTest { TestCode = Usings + markup };
        test.Analyzers.Add(new ComponentAnalyzer());
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static PromCodeFixTest AddStruct(string markup, string fixedMarkup)
    {
        var test = new PromCodeFixTest
        {
            TestCode = Usings + markup,
            FixedCode = Usings + fixedMarkup,
            Fix = new AddStructAttributeCodeFix(),
            CodeActionEquivalenceKey = nameof(AddStructAttributeCodeFix),
        };
        test.Analyzers.Add(new ComponentAnalyzer());
        return test;
    }

    [Fact]
    public Task ComponentWithoutStruct_ReportsPROM0100() => VerifyAsync(
        "[Component] public partial struct {|#0:Position|} { }",
        Diagnostic("PROM0100", 0, "'Position' is marked [Component] but not [Struct]; mark it [Struct, Component] so its leaves can become SoA columns"));

    [Fact]
    public Task StructComponent_IsSilent() => VerifyAsync("[Struct, Component] public partial struct Position { }");

    [Fact]
    public Task AddStruct_ProducesStructComponent() => AddStruct(
        "[Component]\npublic partial struct {|PROM0100:Position|} { }",
        "[Struct, Component]\npublic partial struct Position { }").RunAsync();

    [Fact]
    public Task AddStruct_FixAllMarksEveryComponent()
    {
        PromCodeFixTest test = AddStruct(
            "[Component] public partial struct {|PROM0100:Position|} { }\n[Component] public partial struct {|PROM0100:Velocity|} { }\n",
            "[Struct, Component] public partial struct Position { }\n[Struct, Component] public partial struct Velocity { }\n");
        test.BatchFixedCode = Usings + "[Struct, Component] public partial struct Position { }\n[Struct, Component] public partial struct Velocity { }\n";
        return test.RunAsync();
    }
}
