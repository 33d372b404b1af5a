using System.Threading.Tasks;
using Prom.CodeFixes.Common;
using Prom.CodeFixes.Structs;
using Xunit;

namespace Prom.Analyzers.Tests.Structs;

/// <summary>The [Struct] code fixes: the whole fixed file, the equivalence key, and Fix All where a batch fixer is declared.</summary>
public sealed class StructCodeFixTests
{
    [Fact]
    public Task MakePartial_AddsThePartialModifierAndTheDiagnosticGoesAway() => StructVerifier.CodeFix<MakePartialCodeFix>(
        "[Struct] public readonly struct {|PROM0001:Sample|} { }",
        "[Struct] public readonly partial struct Sample { }").RunAsync();

    [Fact]
    public Task MakePartial_WorksWithoutOtherModifiers() => StructVerifier.CodeFix<MakePartialCodeFix>(
        "[Struct]\nstruct {|PROM0001:Sample|} { }",
        "[Struct]\npartial struct Sample { }").RunAsync();

    [Fact]
    public Task MakePartial_FixAllMakesEveryStructPartial()
    {
        var test = StructVerifier.CodeFix<MakePartialCodeFix>(
            "[Struct] public struct {|PROM0001:A|} { }\n[Struct] internal struct {|PROM0001:B|} { }\n",
            "[Struct] public partial struct A { }\n[Struct] internal partial struct B { }\n");
        test.BatchFixedCode = StructVerifier.Usings + "[Struct] public partial struct A { }\n[Struct] internal partial struct B { }\n";
        return test.RunAsync();
    }

    [Fact]
    public Task Field_BecomesAPartialProperty() => StructVerifier.CodeFix<FieldToPartialPropertyCodeFix>(
        "[Struct] public partial struct Sample\n{\n    [{|CS0592:Pad|}(2)] public float {|PROM0008:X|};\n}\n",
        "[Struct] public partial struct Sample\n{\n    [Pad(2)] public partial float X { get; set; }\n}\n").RunAsync();

    [Fact]
    public Task AutoProperty_BecomesAPartialProperty() => StructVerifier.CodeFix<FieldToPartialPropertyCodeFix>(
        "[Struct] public partial struct Sample\n{\n    public int {|PROM0008:Count|} { get; set; }\n}\n",
        "[Struct] public partial struct Sample\n{\n    public partial int Count { get; set; }\n}\n").RunAsync();

    [Fact]
    public Task FieldToPartialProperty_FixAllRewritesEveryMember()
    {
        var test = StructVerifier.CodeFix<FieldToPartialPropertyCodeFix>(
            "[Struct] public partial struct Sample\n{\n    public float {|PROM0008:X|};\n    public int {|PROM0008:Count|} { get; set; }\n}\n",
            "[Struct] public partial struct Sample\n{\n    public partial float X { get; set; }\n    public partial int Count { get; set; }\n}\n");
        test.BatchFixedCode = StructVerifier.Usings + "[Struct] public partial struct Sample\n{\n    public partial float X { get; set; }\n    public partial int Count { get; set; }\n}\n";
        return test.RunAsync();
    }
}
