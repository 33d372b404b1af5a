using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Components;
using Prom.CodeFixes.Components;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Components;

public sealed class ComponentAnalyzerTests
{
    private static Diagnostic[] Analyze(string source) =>
        RoslynHarness.Run("using Prom;\n" + source, System.Array.Empty<IIncrementalGenerator>(), new DiagnosticAnalyzer[] { new ComponentAnalyzer() })
            .AnalyzerDiagnostics.ToArray();

    [Fact]
    public void ComponentWithoutStruct_ReportsPROM0100() => DiagnosticAssert.Exactly(
        Analyze("[Component] public partial struct Position { }"),
        new ExpectedDiagnostic("PROM0100", "Position", "mark it [Struct, Component]"));

    [Fact]
    public void StructComponent_IsSilent() => DiagnosticAssert.Exactly(Analyze("[Struct, Component] public partial struct Position { }"));

    [Fact]
    public void AddStruct_ProducesStructComponent()
    {
        string fixedSource = CodeFixHarness.Apply(
            "using Prom;\n[Component]\npublic partial struct Position { }",
            new ComponentAnalyzer(), new AddStructAttributeCodeFix(), "PROM0100");
        Assert.Contains("[Struct, Component]\npublic partial struct Position { }", fixedSource);
        DiagnosticAssert.Exactly(Analyze(fixedSource.Substring("using Prom;\n".Length)));
    }
}
