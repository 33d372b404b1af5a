using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicCompatibilityAnalyzerTests
{
    private const string V1 = "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid, string Name, [SafeInteger] long MemMb);";

    [Fact]
    public void AddingARequiredFieldUnderBackward_ReportsPROM0307NamingTheFieldAndRule() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, string Host);"),
        new ExpectedDiagnostic("PROM0307", "HeartbeatV2",
            "Topic 'heartbeat.received' version 2 ('HeartbeatV2') breaks Backward compatibility with version 1 ('HeartbeatV1'): backward: 'Host' (host) is required in v2 but does not exist in v1"));

    [Fact]
    public void AddingOptionalFieldsUnderBackward_IsSilentAndCompiles() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(V1,
            "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, string? Host, double MemMib = 0);"));

    [Fact]
    public void ChangingAFieldType_ReportsPROM0307() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(string Pid, string Name, [SafeInteger] long MemMb);"),
        new ExpectedDiagnostic("PROM0307", "HeartbeatV2", "backward: 'Pid' (pid) changes type from integer in v1 to string in v2"));

    [Fact]
    public void RemovingARequiredFieldUnderForward_ReportsPROM0307() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(V1, "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.Forward)] public sealed record HeartbeatV2(int Pid, string Name);"),
        new ExpectedDiagnostic("PROM0307", "HeartbeatV2", "breaks Forward compatibility", "forward: 'MemMb' (mem_mb) is required in v1 but does not exist in v2"),
        new ExpectedDiagnostic("PROM0308", "HeartbeatV2", "no [Upcaster] from version 1")); // forward alone: v2 consumers need one too

    [Fact]
    public void RemovingARequiredFieldUnderBackwardOrNone_IsSilent() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(V1,
            "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name);",
            "[Topic(\"heartbeat.received\", Version = 3, Compat = Compatibility.None)] public sealed record HeartbeatV3(string Pid) { [Upcaster] public static HeartbeatV3 Up(HeartbeatV2 v2) => new(v2.Pid.ToString()); }"));

    [Fact]
    public void TransitiveMode_ChecksEveryEarlierVersion() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "[Topic(\"t.x\", Version = 1)] public sealed record X1(int Pid);",
            "[Topic(\"t.x\", Version = 2, Compat = Compatibility.None)] public sealed record X2(int Pid, string Tag);",
            "[Topic(\"t.x\", Version = 3, Compat = Compatibility.BackwardTransitive)] public sealed record X3(int Pid, string Tag);"),
        new ExpectedDiagnostic("PROM0307", "X3", "with version 1 ('X1')", "'Tag' (tag) is required in v3 but does not exist in v1"),
        new ExpectedDiagnostic("PROM0308", "X2", "no [Upcaster] from version 1 ('X1') to version 2 ('X2')"));

    [Fact]
    public void NestedRequiredFieldAndArrayItemTypeChange_ReportPROM0307WithTheirPaths() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "public sealed record ProcV1(int Pid); public sealed record ProcV2(int Pid, string Zone);",
            "[Topic(\"host.report\", Version = 1)] public sealed record ReportV1(ProcV1 Leader, List<ProcV1> All, int[] Ports);",
            "[Topic(\"host.report\", Version = 2)] public sealed record ReportV2(ProcV2 Leader, List<ProcV2> All, string[] Ports);"),
        new ExpectedDiagnostic("PROM0307", "ReportV2",
            "backward: 'All[].Zone' (all[].zone) is required in v2 but does not exist in v1",
            "'Leader.Zone' (leader.zone) is required in v2 but does not exist in v1",
            "the items of 'Ports' (ports) change type from integer in v1 to string in v2"));

    [Fact]
    public void NestedOptionalAdditions_AreSilent() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "public sealed record ProcV1(int Pid); public sealed record ProcV2(int Pid, string? Zone = null);",
            "[Topic(\"host.report\", Version = 1)] public sealed record ReportV1(ProcV1 Leader, List<ProcV1> All);",
            "[Topic(\"host.report\", Version = 2)] public sealed record ReportV2(ProcV2 Leader, List<ProcV2> All);"));
}
