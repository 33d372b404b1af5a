using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicVersionAnalyzerTests
{
    [Fact]
    public void SameTopicAndVersionTwice_ReportsPROM0302OnBothTypes() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatA(int Pid);",
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatB(int Pid);"),
        new ExpectedDiagnostic("PROM0302", "HeartbeatA", "Topic 'heartbeat.received' version 1 is declared by both 'HeartbeatA' and 'HeartbeatB'"),
        new ExpectedDiagnostic("PROM0302", "HeartbeatB", "Topic 'heartbeat.received' version 1 is declared by both 'HeartbeatB' and 'HeartbeatA'"));

    [Fact]
    public void VersionGap_ReportsPROM0303OnTheVersionAfterTheGap() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid);",
            "[Topic(\"heartbeat.received\", Version = 3)] public sealed record HeartbeatV3(int Pid);"),
        new ExpectedDiagnostic("PROM0303", "HeartbeatV3",
            "Topic 'heartbeat.received' jumps from version 1 ('HeartbeatV1') to version 3 ('HeartbeatV3'); declare version 2"));

    [Fact]
    public void ConsecutiveVersionsAndOtherTopics_AreSilent() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid);",
            "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, [SafeInteger] long MemMib = 0);",
            "[Topic(\"process.state.snapshot\", Version = 1)] public sealed record Snapshot(int Pid);",
            "[Topic(\"process.exited\", Version = 4)] public sealed record Exited(int Pid);"));
}
