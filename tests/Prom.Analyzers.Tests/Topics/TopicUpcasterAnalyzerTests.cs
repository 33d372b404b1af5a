using Prom.Analyzers.Topics;
using Prom.CodeFixes.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicUpcasterAnalyzerTests
{
    private const string V1 = "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid, string Name, [SafeInteger] long MemMb);";
    private const string V2None = "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.None)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMib)";

    [Fact]
    public void IncompatibleHopWithoutUpcaster_ReportsPROM0308NamingTopicAndVersions() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1, V2None + ";"),
        new ExpectedDiagnostic("PROM0308", "HeartbeatV2",
            "Topic 'heartbeat.received' has no [Upcaster] from version 1 ('HeartbeatV1') to version 2 ('HeartbeatV2'), and version 2 is declared Compat = None",
            "add '[Upcaster] static HeartbeatV2 Up(HeartbeatV1 old)'"));

    [Fact]
    public void ForwardOnlyHopWithoutUpcaster_ReportsPROM0308() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1, "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.Forward)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, [SafeInteger] long? Rss);"),
        new ExpectedDiagnostic("PROM0308", "HeartbeatV2", "version 2 is declared Compat = Forward (not backward)"));

    [Fact]
    public void HopWithAnUpcaster_IsSilentAndCompiles() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(V1,
            V2None + " { [Upcaster] public static HeartbeatV2 Up(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb * 1000000 / 1048576); }"));

    [Fact]
    public void UpcasterInASeparateStaticClass_IsSilentAndCompiles() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(V1, V2None + ";",
            "internal static class HeartbeatUpcasters { [Upcaster] internal static HeartbeatV2 ToV2(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); }"));

    [Fact]
    public void BackwardCompatibleHopWithoutUpcaster_IsSilent() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, string? Host = null);"));

    [Theory]
    [InlineData("public HeartbeatV2 Up(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "Up", "[Upcaster] 'HeartbeatV2.Up' must be static")]
    [InlineData("private static HeartbeatV2 Up(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "Up", "[Upcaster] 'HeartbeatV2.Up' is private; generated code calls it, so make it public or internal")]
    [InlineData("public static HeartbeatV2 Up(HeartbeatV1 v1, int x) => new(v1.Pid, v1.Name, x);", "Up", "takes 2 parameters; it must take exactly one, version N of a topic")]
    [InlineData("public static HeartbeatV2 Up(ref HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "Up", "takes its parameter by ref; take it by value")]
    [InlineData("public static void Up(HeartbeatV1 v1) { }", "Up", "returns void; it must return version N+1 of the topic")]
    [InlineData("public static HeartbeatV2 Up(string v1) => new(1, v1, 0);", "Up", "takes 'string', which is not a [Topic] payload")]
    [InlineData("public static HeartbeatV2 Up(T v1) where T : HeartbeatV1 => new(v1.Pid, v1.Name, 0);", "Up", "must not be generic")]
    public void WrongSignature_ReportsPROM0309(string method, string span, string message)
    {
        string source = V2None + " { [Upcaster] " + method.Replace("Up(T", "Up<T>(T") + " }";
        Prom.Testing.DiagnosticAssert.Exactly(
            System.Linq.Enumerable.Where(TopicDiagnostics.Ours(V1, source), d => d.Id == "PROM0309"),
            new ExpectedDiagnostic("PROM0309", span, message));
    }

    [Fact]
    public void UpcasterSkippingAVersionOrCrossingTopics_ReportsPROM0309() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1,
            "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb);",
            "[Topic(\"heartbeat.received\", Version = 3)] public sealed record HeartbeatV3(int Pid, string Name, [SafeInteger] long MemMb) { [Upcaster] public static HeartbeatV3 Skip(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); }",
            "[Topic(\"process.exited\")] public sealed record Exited(int Pid) { [Upcaster] public static Exited Cross(HeartbeatV1 v1) => new(v1.Pid); }"),
        new ExpectedDiagnostic("PROM0309", "Skip", "[Upcaster] 'HeartbeatV3.Skip' converts version 1 into version 3 of topic 'heartbeat.received'; an upcaster goes from version N to N+1"),
        new ExpectedDiagnostic("PROM0309", "Cross", "[Upcaster] 'Exited.Cross' converts topic 'heartbeat.received' into topic 'process.exited'; both types must be versions of one topic"));

    [Fact]
    public void TwoUpcastersForOneHop_ReportsPROM0310OnTheSecond() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1,
            V2None + " { [Upcaster] public static HeartbeatV2 A(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); [Upcaster] public static HeartbeatV2 B(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0); }"),
        new ExpectedDiagnostic("PROM0310", "B", "[Upcaster] 'HeartbeatV2.B' converts topic 'heartbeat.received' version 1 into version 2, which 'HeartbeatV2.A' already does; keep one"));

    [Fact]
    public void CodeFix_AddsAnUpcasterMappingSameNamedMembersAndTheResultCompiles()
    {
        const string prefix = "using Prom;\n";
        string fixedSource = CodeFixHarness.Apply(prefix + V1 + "\n" + V2None + ";\n", new TopicAnalyzer(), new AddUpcasterCodeFix(), "PROM0308");
        Assert.Contains("[Prom.Upcaster]", fixedSource);
        Assert.Contains("public static HeartbeatV2 FromHeartbeatV1(HeartbeatV1 old) => new(Pid: old.Pid, Name: old.Name, MemMib: default! /* TODO: MemMib from HeartbeatV1 */);", fixedSource);
        DiagnosticAssert.Exactly(TopicDiagnostics.OursOnCleanProgram(fixedSource.Substring(prefix.Length)));
    }
}
