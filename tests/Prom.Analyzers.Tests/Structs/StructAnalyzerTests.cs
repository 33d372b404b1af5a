using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Structs;

public sealed class StructAnalyzerTests
{
    private const string Supported = "use float, double, sbyte, byte, short, ushort, int, uint, long, ulong, bool, Half or a type marked [Struct]";

    [Fact]
    public Task NonPartialStruct_ReportsPROM0001() => StructVerifier.VerifyAsync(
        "[Struct] public struct {|#0:Sample|} { }",
        Diagnostic("PROM0001", 0, "'Sample' is marked [Struct] but is not partial; declare it 'partial struct Sample' so the generator can add its storage"));

    [Fact]
    public Task NonPartialContainingType_ReportsPROM0001OnIt() => StructVerifier.VerifyAsync(
        "public class {|#0:Outer|} { [Struct] public partial struct Inner { public partial int {|#1:A|} { get; set; } } }",
        Diagnostic("PROM0001", 0, "'Outer' contains the [Struct] 'Inner' but is not partial; declare it 'partial class Outer' so the generator can add the struct's storage"),
        Compiler("CS9248", 1));

    [Fact]
    public Task ReferenceTypeMember_ReportsPROM0002() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { public partial string {|#0:Name|} { get; set; } }",
        Diagnostic("PROM0002", 0, "Member 'Name' of [Struct] 'Sample' has type 'string', which holds managed references and cannot be part of a fixed-size blittable layout"));

    [Fact]
    public Task StructHoldingAReference_ReportsPROM0002() => StructVerifier.VerifyAsync(
        "public struct Holder { public object O; } [Struct] public partial struct Sample { public partial Holder {|#0:H|} { get; set; } }",
        Diagnostic("PROM0002", 0, "Member 'H' of [Struct] 'Sample' has type 'Holder', which holds managed references and cannot be part of a fixed-size blittable layout"));

    [Fact]
    public Task UnsupportedScalar_ReportsPROM0003() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { public partial decimal {|#0:Price|} { get; set; } public partial char {|#1:C|} { get; set; } }",
        Diagnostic("PROM0003", 0, $"Member 'Price' of [Struct] 'Sample' has unsupported type 'decimal'; {Supported}"),
        Diagnostic("PROM0003", 1, $"Member 'C' of [Struct] 'Sample' has unsupported type 'char'; {Supported}"));

    [Fact]
    public Task PlainStructMember_ReportsPROM0003AskingForTheAttribute() => StructVerifier.VerifyAsync(
        "public struct Plain { public int A; } [Struct] public partial struct Sample { public partial Plain {|#0:P|} { get; set; } }",
        Diagnostic("PROM0003", 0, $"Member 'P' of [Struct] 'Sample' has unsupported type 'Plain (mark it [Struct])'; {Supported}"));

    [Fact]
    public Task MutualNesting_ReportsPROM0004OnBothStructs() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct A { public partial B {|#0:Other|} { get; set; } }
        [Struct] public partial struct B { public partial A {|#1:Back|} { get; set; } }
        """,
        Diagnostic("PROM0004", 0, "[Struct] 'A' contains itself through 'A.Other' of type 'B'; a value type cannot contain itself"),
        Diagnostic("PROM0004", 1, "[Struct] 'B' contains itself through 'B.Back' of type 'A'; a value type cannot contain itself"));

    [Fact]
    public Task SelfNestingThroughAnArray_ReportsPROM0004() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Node { [Length(2)] public partial Span<Node> {|#0:Children|} { get; } }",
        Diagnostic("PROM0004", 0, "[Struct] 'Node' contains itself through 'Node.Children' of type 'Node'; a value type cannot contain itself"));

    [Fact]
    public Task ZeroAndMissingLengths_ReportPROM0005() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct Sample
        {
            [Length(0)] public partial Span<float> {|#0:Zero|} { get; }
            [Length(-4)] public partial Span<float> {|#1:Negative|} { get; }
            public partial Span<float> {|#2:Missing|} { get; }
        }
        """,
        Diagnostic("PROM0005", 0, "Array member 'Zero' of [Struct] 'Sample' has length 0; declare it with [Length(n)] where n is at least 1"),
        Diagnostic("PROM0005", 1, "Array member 'Negative' of [Struct] 'Sample' has length -4; declare it with [Length(n)] where n is at least 1"),
        Diagnostic("PROM0005", 2, "Array member 'Missing' of [Struct] 'Sample' has length missing; declare it with [Length(n)] where n is at least 1"));

    [Fact]
    public Task NegativePadding_ReportsPROM0006() => StructVerifier.VerifyAsync(
        """
        [Struct(TrailingPadding = -2)] public partial struct {|#1:Sample|}
        {
            public partial byte A { get; set; }
            [Pad(-1)] public partial float {|#0:B|} { get; set; }
        }
        """,
        Diagnostic("PROM0006", 0, "Padding of -1 bytes before 'B' in [Struct] 'Sample' is negative; padding must be 0 or more bytes"),
        Diagnostic("PROM0006", 1, "Padding of -2 bytes at the end in [Struct] 'Sample' is negative; padding must be 0 or more bytes"));

    [Fact]
    public Task CollidingColumns_ReportPROM0007NamingBothLeaves() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct Vec { public partial float X { get; set; } }
        [Struct] public partial struct Sample
        {
            public partial Vec Pos { get; set; }
            public partial float {|#0:PosX|} { get; set; }
        }
        """,
        Diagnostic("PROM0007", 0, "[Struct] 'Sample': leaves 'pos.x' and 'pos_x' both flatten to the column 'pos_x'; rename one of the members"));

    [Fact]
    public Task FieldsAndAutoProperties_ReportPROM0008() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { public float {|#0:X|}; public int {|#1:Count|} { get; set; } }",
        Diagnostic("PROM0008", 0, "Member 'X' of [Struct] 'Sample' declares storage the generator cannot place; declare it as a partial property: 'public partial float X { get; set; }'"),
        Diagnostic("PROM0008", 1, "Member 'Count' of [Struct] 'Sample' declares storage the generator cannot place; declare it as a partial property: 'public partial int Count { get; set; }'"));

    [Fact]
    public Task GenericStruct_ReportsPROM0009() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct {|#0:Sample|}<T> { }",
        Diagnostic("PROM0009", 0, "[Struct] 'Sample' is generic or nested in a generic type; the runtime does not allow an explicit layout there"));

    [Fact]
    public Task StructNestedInAGenericType_ReportsPROM0009() => StructVerifier.VerifyAsync(
        "public partial class Outer<T> { [Struct] public partial struct {|#0:Sample|} { public partial int A { get; set; } } }",
        Diagnostic("PROM0009", 0, "[Struct] 'Sample' is generic or nested in a generic type; the runtime does not allow an explicit layout there"));

    [Fact]
    public Task LengthOnAScalar_ReportsPROM0010() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { [Length(3)] public partial float {|#0:F|} { get; set; } }",
        Diagnostic("PROM0010", 0, "[Length] on member 'F' of [Struct] 'Sample' has no effect; only 'partial Span<T>' and 'partial ReadOnlySpan<T>' members are arrays"));

    [Fact]
    public Task ArrayWithSetter_ReportsPROM0011() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { [Length(3)] public partial Span<float> {|#0:S|} { get; set; } }",
        Diagnostic("PROM0011", 0, "Array member 'S' of [Struct] 'Sample' declares a setter; declare '{ get; }' and write through the returned span"));

    [Fact]
    public Task HugeArray_ReportsPROM0012InsteadOfExhaustingTheCompiler() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { [Length(100000000)] public partial Span<double> {|#0:Samples|} { get; } }",
        Diagnostic("PROM0012", 0, "[Struct] 'Sample' would be more than 16777216 bytes with 100000000 scalar leaves; the limits are 16777216 bytes and 65536 leaves"));

    [Fact]
    public Task InvalidNestedStruct_MakesTheOuterOneSkippedWithoutExtraNoise() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct Inner { public partial string {|#0:Name|} { get; set; } }
        [Struct] public partial struct Outer { public partial Inner {|#1:In|} { get; set; } }
        """,
        Diagnostic("PROM0002", 0, "Member 'Name' of [Struct] 'Inner' has type 'string', which holds managed references and cannot be part of a fixed-size blittable layout"),
        Diagnostic("PROM0003", 1, $"Member 'In' of [Struct] 'Outer' has unsupported type 'Inner (which has errors)'; {Supported}"));

    [Fact]
    public Task ValidDeclarations_AreSilentAndCompileClean() => StructVerifier.VerifyAsync("""
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
}
