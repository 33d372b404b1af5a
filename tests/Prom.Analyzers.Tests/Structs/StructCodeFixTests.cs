using Prom.Analyzers.Structs;
using Prom.CodeFixes.Common;
using Prom.CodeFixes.Structs;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Structs;

public sealed class StructCodeFixTests
{
    [Fact]
    public void MakePartial_AddsThePartialModifierAndTheDiagnosticGoesAway()
    {
        string fixedSource = CodeFixHarness.Apply(
            StructDiagnostics.Usings + "[Struct] public readonly struct Sample { }",
            new StructAnalyzer(), new MakePartialCodeFix(), "PROM0001", StructDiagnostics.Generators);
        Assert.Contains("[Struct] public readonly partial struct Sample { }", fixedSource);
        DiagnosticAssert.NoneOfOurs(StructDiagnostics.Ours(fixedSource.Substring(StructDiagnostics.Usings.Length)));
    }

    [Fact]
    public void MakePartial_WorksWithoutOtherModifiers()
    {
        string fixedSource = CodeFixHarness.Apply(
            StructDiagnostics.Usings + "[Struct]\nstruct Sample { }",
            new StructAnalyzer(), new MakePartialCodeFix(), "PROM0001", StructDiagnostics.Generators);
        Assert.Contains("[Struct]\npartial struct Sample { }", fixedSource);
    }

    [Fact]
    public void Field_BecomesAPartialProperty()
    {
        string fixedSource = CodeFixHarness.Apply(
            StructDiagnostics.Usings + "[Struct] public partial struct Sample\n{\n    [Pad(2)] public float X;\n}\n",
            new StructAnalyzer(), new FieldToPartialPropertyCodeFix(), "PROM0008");
        Assert.Contains("    [Pad(2)] public partial float X { get; set; }\n", fixedSource.Replace("\r\n", "\n"));
        DiagnosticAssert.NoneOfOurs(StructDiagnostics.Ours(fixedSource.Substring(StructDiagnostics.Usings.Length)));
    }

    [Fact]
    public void AutoProperty_BecomesAPartialProperty()
    {
        string fixedSource = CodeFixHarness.Apply(
            StructDiagnostics.Usings + "[Struct] public partial struct Sample\n{\n    public int Count { get; set; }\n}\n",
            new StructAnalyzer(), new FieldToPartialPropertyCodeFix(), "PROM0008");
        Assert.Contains("public partial int Count { get; set; }", fixedSource);
    }
}
