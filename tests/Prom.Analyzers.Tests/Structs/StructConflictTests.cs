using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Structs;

/// <summary>Declarations the generated code would clash with, and cases that used to get a wrong or no message.</summary>
public sealed class StructConflictTests
{
    [Fact]
    public Task RefStruct_ReportsPROM0013() => StructVerifier.VerifyAsync(
        "[Struct] public ref partial struct {|#0:RefS|} { public partial int A { get; set; } }",
        Diagnostic("PROM0013", 0, "[Struct] 'RefS' is a ref struct; a layout must be storable in arrays, spans and other [Struct]s, so remove 'ref'"));

    [Fact]
    public Task MembersNamedLikeGeneratedMembers_ReportPROM0014() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct Sample
        {
            public partial int {|#0:Layout|} { get; set; }
            public static void {|#1:Write|}(in Sample value, Span<byte> destination, bool bigEndian) { }
            public void Write(System.IO.Stream stream) { }
        }
        """,
        Diagnostic("PROM0014", 0, "[Struct] 'Sample' declares a member named 'Layout', which the generator adds to every [Struct]; rename or remove it"),
        Diagnostic("PROM0014", 1, "[Struct] 'Sample' declares a member named 'Write', which the generator adds to every [Struct]; rename or remove it"));

    [Fact]
    public Task OwnStructLayoutAndHandWrittenImplementation_ReportPROM0014() => StructVerifier.VerifyAsync(
        """
        [Struct, {|#0:System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)|}]
        public partial struct Sample
        {
            public partial int A { get; set; }
            public partial int {|#1:A|} { get => 1; set { } }
        }
        """,
        Diagnostic("PROM0014", 0, "[Struct] 'Sample' declares a [StructLayout] attribute, which the generator adds to every [Struct]; rename or remove it"),
        Diagnostic("PROM0014", 1, "[Struct] 'Sample' declares an implementation of the partial property 'A', which the generator adds to every [Struct]; rename or remove it"));

    [Fact]
    public Task StaticPartialPropertyAndPartialIndexer_ReportPROM0015() => StructVerifier.VerifyAsync(
        """
        [Struct] public partial struct Sample
        {
            public partial int A { get; set; }
            public static partial int {|#0:Count|} { get; }
            public partial int {|#1:this|}[int index] { get; }
        }
        """,
        Diagnostic("PROM0015", 0, "'Count' of [Struct] 'Sample' is a static partial property; the generator implements only instance partial properties: implement it yourself or make it an instance property"),
        Diagnostic("PROM0015", 1, "'this[]' of [Struct] 'Sample' is a partial indexer; the generator implements only instance partial properties: implement it yourself or make it an instance property"));

    [Fact]
    public Task NestedInANonPartialClass_NamesTheClassAsTheContainer() => StructVerifier.VerifyAsync(
        "public class {|#0:Outer|} { [Struct] public partial struct Inner { public partial int {|#1:A|} { get; set; } } }",
        Diagnostic("PROM0001", 0, "'Outer' contains the [Struct] 'Inner' but is not partial; declare it 'partial class Outer' so the generator can add the struct's storage"),
        Compiler("CS9248", 1));

    [Fact]
    public Task UnresolvedMemberType_LeavesTheMessageToTheCompiler() => StructVerifier.VerifyAsync(
        "[Struct] public partial struct Sample { public partial int A { get; set; } public partial {|#0:Missing|} {|#1:M|} { get; set; } }",
        Compiler("CS0246", 0),
        Compiler("CS9248", 1)); // in the user's declaration: the placeholder does not implement a member it cannot type

    [Fact]
    public Task KeywordNames_Generate() => StructVerifier.VerifyAsync("""
        namespace @event.@class;
        public partial class @struct
        {
            [Struct] public partial struct @int { public partial float @float { get; set; } [Length(2)] public partial Span<byte> @byte { get; } }
        }
        """);

    [Fact]
    public Task WritableMembersOfAReadonlyStruct_ReportPROM0016() => StructVerifier.VerifyAsync(
        """
        [Struct] public readonly partial struct R
        {
            public partial int {|#0:A|} { get; set; }
            public partial ref int {|#1:B|} { get; }
            [Length(2)] public partial Span<int> {|#2:C|} { get; }
            public partial int D { get; init; }
        }
        """,
        Diagnostic("PROM0016", 0, "Member 'A' of readonly [Struct] 'R' declares a setter, but the storage of a readonly struct cannot be written; use 'init' or no setter"),
        Diagnostic("PROM0016", 1, "Member 'B' of readonly [Struct] 'R' returns a writable 'ref', but the storage of a readonly struct cannot be written; use 'ref readonly'"),
        Diagnostic("PROM0016", 2, "Member 'C' of readonly [Struct] 'R' returns a writable 'Span<T>', but the storage of a readonly struct cannot be written; use 'ReadOnlySpan<T>'"));
}
