using Prom.Analyzers.Topics;
using Prom.CodeFixes.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>PROM0311 and [SafeInteger]: payload members every client language reads exactly.</summary>
public sealed class TopicWireFormTests
{
    [Fact]
    public void MembersOtherLanguagesReadInexactly_ReportPROM0311() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "public sealed record Usage(string Disk, List<ulong> Blocks);",
            "[Topic(\"a.b\")] public sealed record Bill(long Id, ulong? Bytes, decimal Total, DateTime Due, Usage Usage, DateTimeOffset At, int Count, double Share);"),
        new ExpectedDiagnostic("PROM0311", "Id", "Member 'Id' of topic payload 'Bill' is a long JSON number, which JavaScript (the TypeScript client) reads exactly only within ±(2^53 − 1); mark it [SafeInteger]"),
        new ExpectedDiagnostic("PROM0311", "Bytes", "'Bytes'", "is a ulong JSON number"),
        new ExpectedDiagnostic("PROM0311", "Total", "is a decimal, which TypeScript and Python JSON readers turn into a double", "use double, or a string"),
        new ExpectedDiagnostic("PROM0311", "Due", "is a DateTime, whose JSON text names no offset", "use DateTimeOffset"),
        new ExpectedDiagnostic("PROM0311", "Blocks", "Member 'Blocks' of topic payload 'Usage' is a ulong JSON number"));

    [Fact]
    public void SafeIntegerMembers_AreSilentAndCompile() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "public sealed class Counters { [SafeInteger] public long Sent { get; set; } [SafeInteger] public ulong[] Buckets { get; set; } = Array.Empty<ulong>(); }",
            "[Topic(\"a.b\")] public sealed record Stats([SafeInteger] long Id, [SafeInteger] long? Bytes, [property: SafeInteger] List<long> Sizes, Counters Counters);"));

    [Fact]
    public void SafeIntegerOnAnotherType_ReportsPROM0304() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed record Odd([SafeInteger] int Count, [SafeInteger] string Name);"),
        new ExpectedDiagnostic("PROM0304", "Count", "Member 'Count' of topic payload 'Odd' cannot be serialized: [SafeInteger] applies only to long and ulong members"),
        new ExpectedDiagnostic("PROM0304", "Name", "[SafeInteger] applies only to long and ulong"));

    [Fact]
    public void AddSafeInteger_OnAPositionalRecordParameter() => Assert.Equal(
        TopicDiagnostics.Usings + "[Topic(\"a.b\")] public sealed record Beat(int Pid, [SafeInteger] long MemMb);\n",
        CodeFixHarness.Apply(TopicDiagnostics.Usings + "[Topic(\"a.b\")] public sealed record Beat(int Pid, long MemMb);\n",
            new TopicAnalyzer(), new AddSafeIntegerCodeFix(), "PROM0311", references: TopicDiagnostics.Runtime));

    [Fact]
    public void AddSafeInteger_OnAProperty() => Assert.Equal(
        TopicDiagnostics.Usings + "[Topic(\"a.b\")] public sealed class Beat\n{\n    [SafeInteger]\n    public List<long>? Sizes { get; set; }\n}\n",
        CodeFixHarness.Apply(TopicDiagnostics.Usings + "[Topic(\"a.b\")] public sealed class Beat\n{\n    public List<long>? Sizes { get; set; }\n}\n",
            new TopicAnalyzer(), new AddSafeIntegerCodeFix(), "PROM0311", references: TopicDiagnostics.Runtime));
}
