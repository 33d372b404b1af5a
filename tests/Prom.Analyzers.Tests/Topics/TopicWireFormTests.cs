using System.Threading.Tasks;
using Prom.CodeFixes.Topics;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>PROM0311 and [SafeInteger]: payload members every client language reads exactly.</summary>
public sealed class TopicWireFormTests
{
    private const string Long = "is a long JSON number, which JavaScript (the TypeScript client) reads exactly only within ±(2^53 − 1); mark it [SafeInteger] to promise and check that range, or carry it as a string";
    private const string ULong = "is a ulong JSON number, which JavaScript (the TypeScript client) reads exactly only within ±(2^53 − 1); mark it [SafeInteger] to promise and check that range, or carry it as a string";

    [Fact]
    public Task MembersOtherLanguagesReadInexactly_ReportPROM0311() => TopicVerifier.VerifyAsync(
        new[]
        {
            "public sealed record Usage(string Disk, List<ulong> {|#5:Blocks|});",
            "[Topic(\"a.b\")] public sealed record Bill(long {|#0:Id|}, ulong? {|#1:Bytes|}, decimal {|#2:Total|}, DateTime {|#3:Due|}, Usage Usage, DateTimeOffset At, int Count, double Share);",
        },
        Diagnostic("PROM0311", 0, "Member 'Id' of topic payload 'Bill' " + Long),
        Diagnostic("PROM0311", 1, "Member 'Bytes' of topic payload 'Bill' " + ULong),
        Diagnostic("PROM0311", 2, "Member 'Total' of topic payload 'Bill' is a decimal, which TypeScript and Python JSON readers turn into a double (about 15 significant digits); use double, or a string that holds the decimal's text"),
        Diagnostic("PROM0311", 3, "Member 'Due' of topic payload 'Bill' is a DateTime, whose JSON text names no offset unless its Kind is Utc, so another language cannot tell which instant it is; use DateTimeOffset"),
        Diagnostic("PROM0311", 5, "Member 'Blocks' of topic payload 'Usage' " + ULong));

    [Fact]
    public Task SafeIntegerMembers_AreSilentAndCompile() => TopicVerifier.VerifyAsync(new[]
    {
        "public sealed class Counters { [SafeInteger] public long Sent { get; set; } [SafeInteger] public ulong[] Buckets { get; set; } = Array.Empty<ulong>(); }",
        "[Topic(\"a.b\")] public sealed record Stats([SafeInteger] long Id, [SafeInteger] long? Bytes, [property: SafeInteger] List<long> Sizes, Counters Counters);",
    });

    [Fact]
    public Task SafeIntegerOnAnotherType_ReportsPROM0304() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed record Odd([SafeInteger] int {|#0:Count|}, [SafeInteger] string {|#1:Name|});",
        Diagnostic("PROM0304", 0, "Member 'Count' of topic payload 'Odd' cannot be serialized: [SafeInteger] applies only to long and ulong members and to arrays and lists of them"),
        Diagnostic("PROM0304", 1, "Member 'Name' of topic payload 'Odd' cannot be serialized: [SafeInteger] applies only to long and ulong members and to arrays and lists of them"));

    [Fact]
    public Task AddSafeInteger_OnAPositionalRecordParameter() => TopicVerifier.CodeFix<AddSafeIntegerCodeFix>(
        "[Topic(\"a.b\")] public sealed record Beat(int Pid, long {|PROM0311:MemMb|});\n",
        "[Topic(\"a.b\")] public sealed record Beat(int Pid, [SafeInteger] long MemMb);\n").RunAsync();

    [Fact]
    public Task AddSafeInteger_OnAProperty() => TopicVerifier.CodeFix<AddSafeIntegerCodeFix>(
        "[Topic(\"a.b\")] public sealed class Beat\n{\n    public List<long>? {|PROM0311:Sizes|} { get; set; }\n}\n",
        "[Topic(\"a.b\")] public sealed class Beat\n{\n    [SafeInteger]\n    public List<long>? Sizes { get; set; }\n}\n").RunAsync();

    [Fact]
    public Task AddSafeInteger_FixAllMarksEveryLongAndULongAndLeavesTheOtherWarnings()
    {
        var test = TopicVerifier.CodeFix<AddSafeIntegerCodeFix>(
            "[Topic(\"a.b\")] public sealed record Beat(long {|PROM0311:Seq|}, ulong {|PROM0311:Bytes|}, decimal {|#0:Cost|});\n[Topic(\"a.c\")] public sealed record Tick(long[] {|PROM0311:Stamps|});\n",
            "[Topic(\"a.b\")] public sealed record Beat([SafeInteger] long Seq, [SafeInteger] ulong Bytes, decimal {|#0:Cost|});\n[Topic(\"a.c\")] public sealed record Tick([SafeInteger] long[] Stamps);\n");
        // The decimal is not the fix's to change: it is offered for 64-bit integers only, and the warning stays.
        const string cost = "Member 'Cost' of topic payload 'Beat' is a decimal, which TypeScript and Python JSON readers turn into a double (about 15 significant digits); use double, or a string that holds the decimal's text";
        test.TestState.ExpectedDiagnostics.Add(Diagnostic("PROM0311", 0, cost));
        test.FixedState.ExpectedDiagnostics.Add(Diagnostic("PROM0311", 0, cost));
        test.BatchFixedCode = TopicVerifier.Usings + "[Topic(\"a.b\")] public sealed record Beat([SafeInteger] long Seq, [SafeInteger] ulong Bytes, decimal {|#0:Cost|});\n[Topic(\"a.c\")] public sealed record Tick([SafeInteger] long[] Stamps);\n";
        test.BatchFixedState.ExpectedDiagnostics.Add(Diagnostic("PROM0311", 0, cost));
        return test.RunAsync();
    }
}
