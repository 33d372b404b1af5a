using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicVersionAnalyzerTests
{
    [Fact]
    public Task SameTopicAndVersionTwice_ReportsPROM0302OnBothTypes() => TopicVerifier.VerifyAsync(
        new[]
        {
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record {|#0:HeartbeatA|}(int Pid);",
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record {|#1:HeartbeatB|}(int Pid);",
        },
        Diagnostic("PROM0302", 0, "Topic 'heartbeat.received' version 1 is declared by both 'HeartbeatA' and 'HeartbeatB'; give one of them the next version or another topic"),
        Diagnostic("PROM0302", 1, "Topic 'heartbeat.received' version 1 is declared by both 'HeartbeatB' and 'HeartbeatA'; give one of them the next version or another topic"));

    [Fact]
    public Task VersionGap_ReportsPROM0303OnTheVersionAfterTheGap() => TopicVerifier.VerifyAsync(
        new[]
        {
            "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid);",
            "[Topic(\"heartbeat.received\", Version = 3)] public sealed record {|#0:HeartbeatV3|}(int Pid);",
        },
        Diagnostic("PROM0303", 0, "Topic 'heartbeat.received' jumps from version 1 ('HeartbeatV1') to version 3 ('HeartbeatV3'); declare version 2 or renumber"));

    [Fact]
    public Task ConsecutiveVersionsAndOtherTopics_AreSilent() => TopicVerifier.VerifyAsync(new[]
    {
        "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid);",
        "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, [SafeInteger] long MemMib = 0);",
        "[Topic(\"process.state.snapshot\", Version = 1)] public sealed record Snapshot(int Pid);",
        "[Topic(\"process.exited\", Version = 4)] public sealed record Exited(int Pid);",
    });
}
