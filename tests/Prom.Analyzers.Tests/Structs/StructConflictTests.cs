using System.Linq;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Structs;

/// <summary>Declarations the generated code would clash with, and cases that used to get a wrong or no message.</summary>
public sealed class StructConflictTests
{
    [Fact]
    public void RefStruct_ReportsPROM0013() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("[Struct] public ref partial struct RefS { public partial int A { get; set; } }"),
        new ExpectedDiagnostic("PROM0013", "RefS", "[Struct] 'RefS' is a ref struct"));

    [Fact]
    public void MembersNamedLikeGeneratedMembers_ReportPROM0014() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public partial struct Sample
            {
                public partial int Layout { get; set; }
                public static void Write(in Sample value, Span<byte> destination, bool bigEndian) { }
                public void Write(System.IO.Stream stream) { }
            }
            """),
        new ExpectedDiagnostic("PROM0014", "Layout", "declares a member named 'Layout'"),
        new ExpectedDiagnostic("PROM0014", "Write", "declares a member named 'Write'"));

    [Fact]
    public void OwnStructLayoutAndHandWrittenImplementation_ReportPROM0014()
    {
        var diagnostics = StructDiagnostics.Ours("""
            [Struct, System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
            public partial struct Sample
            {
                public partial int A { get; set; }
                public partial int A { get => 1; set { } }
            }
            """);
        Assert.Equal(new[] { "PROM0014", "PROM0014" }, diagnostics.Select(d => d.Id).ToArray());
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("a [StructLayout] attribute"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("an implementation of the partial property 'A'"));
    }

    [Fact]
    public void StaticPartialPropertyAndPartialIndexer_ReportPROM0015() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public partial struct Sample
            {
                public partial int A { get; set; }
                public static partial int Count { get; }
                public partial int this[int index] { get; }
            }
            """),
        new ExpectedDiagnostic("PROM0015", "Count", "is a static partial property"),
        new ExpectedDiagnostic("PROM0015", "this", "is a partial indexer"));

    [Fact]
    public void NestedInANonPartialClass_NamesTheClassAsTheContainer() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("public class Outer { [Struct] public partial struct Inner { public partial int A { get; set; } } }"),
        new ExpectedDiagnostic("PROM0001", "Outer", "'Outer' contains the [Struct] 'Inner' but is not partial; declare it 'partial class Outer'"));

    [Fact]
    public void UnresolvedMemberType_LeavesTheMessageToTheCompiler()
    {
        CompilationRun run = StructDiagnostics.Analyze("[Struct] public partial struct Sample { public partial int A { get; set; } public partial Missing M { get; set; } }");
        run.AssertNoErrorInGeneratedCode();
        DiagnosticAssert.NoneOfOurs(run.AnalyzerDiagnostics.Concat(run.GeneratorDiagnostics));
        Assert.Contains(run.CompilerDiagnostics, d => d.Id == "CS0246");
    }

    [Fact]
    public void KeywordNames_Generate()
    {
        CompilationRun run = StructDiagnostics.Analyze("""
            namespace @event.@class;
            public partial class @struct
            {
                [Struct] public partial struct @int { public partial float @float { get; set; } [Length(2)] public partial Span<byte> @byte { get; } }
            }
            """);
        run.AssertClean();
    }

    [Fact]
    public void WritableMembersOfAReadonlyStruct_ReportPROM0016() => DiagnosticAssert.Exactly(
        StructDiagnostics.Ours("""
            [Struct] public readonly partial struct R
            {
                public partial int A { get; set; }
                public partial ref int B { get; }
                [Length(2)] public partial Span<int> C { get; }
                public partial int D { get; init; }
            }
            """),
        new ExpectedDiagnostic("PROM0016", "A", "declares a setter"),
        new ExpectedDiagnostic("PROM0016", "B", "returns a writable 'ref'"),
        new ExpectedDiagnostic("PROM0016", "C", "returns a writable 'Span<T>'"));
}
