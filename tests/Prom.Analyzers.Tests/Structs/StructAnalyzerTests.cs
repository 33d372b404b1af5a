using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Structs;

public sealed class StructAnalyzerTests
{
    [Fact]
    public void NonPartialStruct_ReportsPROM0001() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public struct Sample { }"),
        new ExpectedDiagnostic("PROM0001", "Sample", "'Sample' is marked [Struct] but is not partial"));

    [Fact]
    public void NonPartialContainingType_ReportsPROM0001OnIt() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("public class Outer { [Struct] public partial struct Inner { public partial int A { get; set; } } }"),
        new ExpectedDiagnostic("PROM0001", "Outer", "'Outer'"));

    [Fact]
    public void ReferenceTypeMember_ReportsPROM0002() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { public partial string Name { get; set; } }"),
        new ExpectedDiagnostic("PROM0002", "Name", "Member 'Name' of [Struct] 'Sample' has type 'string'"));

    [Fact]
    public void StructHoldingAReference_ReportsPROM0002() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("public struct Holder { public object O; } [Struct] public partial struct Sample { public partial Holder H { get; set; } }"),
        new ExpectedDiagnostic("PROM0002", "H", "'Holder'"));

    [Fact]
    public void UnsupportedScalar_ReportsPROM0003() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { public partial decimal Price { get; set; } public partial char C { get; set; } }"),
        new ExpectedDiagnostic("PROM0003", "Price", "unsupported type 'decimal'"),
        new ExpectedDiagnostic("PROM0003", "C", "unsupported type 'char'"));

    [Fact]
    public void PlainStructMember_ReportsPROM0003AskingForTheAttribute() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("public struct Plain { public int A; } [Struct] public partial struct Sample { public partial Plain P { get; set; } }"),
        new ExpectedDiagnostic("PROM0003", "P", "'Plain (mark it [Struct])'"));

    [Fact]
    public void MutualNesting_ReportsPROM0004OnBothStructs() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public partial struct A { public partial B Other { get; set; } }
            [Struct] public partial struct B { public partial A Back { get; set; } }
            """),
        new ExpectedDiagnostic("PROM0004", "Other", "[Struct] 'A' contains itself through 'A.Other' of type 'B'"),
        new ExpectedDiagnostic("PROM0004", "Back", "[Struct] 'B' contains itself through 'B.Back' of type 'A'"));

    [Fact]
    public void SelfNestingThroughAnArray_ReportsPROM0004() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Node { [Length(2)] public partial Span<Node> Children { get; } }"),
        new ExpectedDiagnostic("PROM0004", "Children", "'Node.Children'"));

    [Fact]
    public void ZeroAndMissingLengths_ReportPROM0005() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public partial struct Sample
            {
                [Length(0)] public partial Span<float> Zero { get; }
                [Length(-4)] public partial Span<float> Negative { get; }
                public partial Span<float> Missing { get; }
            }
            """),
        new ExpectedDiagnostic("PROM0005", "Zero", "has length 0"),
        new ExpectedDiagnostic("PROM0005", "Negative", "has length -4"),
        new ExpectedDiagnostic("PROM0005", "Missing", "has length missing"));

    [Fact]
    public void NegativePadding_ReportsPROM0006() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct(TrailingPadding = -2)] public partial struct Sample
            {
                public partial byte A { get; set; }
                [Pad(-1)] public partial float B { get; set; }
            }
            """),
        new ExpectedDiagnostic("PROM0006", "B", "Padding of -1 bytes before 'B'"),
        new ExpectedDiagnostic("PROM0006", "Sample", "Padding of -2 bytes at the end"));

    [Fact]
    public void CollidingColumns_ReportPROM0007NamingBothLeaves() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public partial struct Vec { public partial float X { get; set; } }
            [Struct] public partial struct Sample
            {
                public partial Vec Pos { get; set; }
                public partial float PosX { get; set; }
            }
            """),
        new ExpectedDiagnostic("PROM0007", "PosX", "leaves 'pos.x' and 'pos_x' both flatten to the column 'pos_x'"));

    [Fact]
    public void FieldsAndAutoProperties_ReportPROM0008() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { public float X; public int Count { get; set; } }"),
        new ExpectedDiagnostic("PROM0008", "X", "declare it as a partial property: 'public partial float X { get; set; }'"),
        new ExpectedDiagnostic("PROM0008", "Count", "'public partial int Count { get; set; }'"));

    [Fact]
    public void GenericStruct_ReportsPROM0009() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample<T> { }"),
        new ExpectedDiagnostic("PROM0009", "Sample", "'Sample' is generic"));

    [Fact]
    public void StructNestedInAGenericType_ReportsPROM0009() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("public partial class Outer<T> { [Struct] public partial struct Sample { public partial int A { get; set; } } }"),
        new ExpectedDiagnostic("PROM0009", "Sample", "nested in a generic type"));

    [Fact]
    public void LengthOnAScalar_ReportsPROM0010() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { [Length(3)] public partial float F { get; set; } }"),
        new ExpectedDiagnostic("PROM0010", "F", "[Length] on member 'F'"));

    [Fact]
    public void ArrayWithSetter_ReportsPROM0011() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { [Length(3)] public partial Span<float> S { get; set; } }"),
        new ExpectedDiagnostic("PROM0011", "S", "Array member 'S'"));

    [Fact]
    public void HugeArray_ReportsPROM0012InsteadOfExhaustingTheCompiler() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public partial struct Sample { [Length(100000000)] public partial Span<double> Samples { get; } }"),
        new ExpectedDiagnostic("PROM0012", "Samples", "the limits are 16777216 bytes and 65536 leaves"));

    [Fact]
    public void InvalidNestedStruct_MakesTheOuterOneSkippedWithoutExtraNoise()
    {
        var diagnostics = StructDiagnostics.Ours("""
            [Struct] public partial struct Inner { public partial string Name { get; set; } }
            [Struct] public partial struct Outer { public partial Inner In { get; set; } }
            """);
        DiagnosticAssert.Exactly(diagnostics,
            new ExpectedDiagnostic("PROM0002", "Name", "'Inner'"),
            new ExpectedDiagnostic("PROM0003", "In", "'Inner (which has errors)'"));
    }

    [Fact]
    public void ValidDeclarations_AreSilentAndCompileClean()
    {
        CompilationRun run = StructDiagnostics.Analyze("""
            namespace Valid;
            [Struct] public partial struct Vec { public partial float X { get; set; } public partial float Y { get; set; } }
            public partial class Outer
            {
                [Struct(TrailingPadding = 3)] internal readonly partial struct Sample
                {
                    public partial byte A { get; }
                    [Pad(1)] public partial ushort B { get; }
                    public partial ref readonly Vec Pos { get; }
                    [Length(4)] public partial ReadOnlySpan<Vec> Path { get; }
                    public partial Half H { get; }
                    public float Length => MathF.Sqrt(Pos.X * Pos.X + Pos.Y * Pos.Y);
                    public static int Count;
                }
            }
            """);
        run.AssertClean();
        DiagnosticAssert.NoneOfOurs(run.AnalyzerDiagnostics);
    }
}
