using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicCompatibilityAnalyzerTests
{
    private const string V1 = "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid, string Name, [SafeInteger] long MemMb);";
    private const string MakeOptional = "make it nullable or give it a default";

    [Fact]
    public Task AddingARequiredFieldUnderBackward_ReportsPROM0307NamingTheFieldAndRule() => TopicVerifier.VerifyAsync(
        new[] { V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record {|#0:HeartbeatV2|}(int Pid, string Name, [SafeInteger] long MemMb, string Host);" },
        Diagnostic("PROM0307", 0, $"Topic 'heartbeat.received' version 2 ('HeartbeatV2') breaks Backward compatibility with version 1 ('HeartbeatV1'): backward: 'Host' (host) is required in v2 but does not exist in v1; {MakeOptional}"));

    [Fact]
    public Task AddingOptionalFieldsUnderBackward_IsSilentAndCompiles() => TopicVerifier.VerifyAsync(new[]
    {
        V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, string? Host, double MemMib = 0);",
    });

    [Fact]
    public Task ChangingAFieldType_ReportsPROM0307() => TopicVerifier.VerifyAsync(
        new[] { V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record {|#0:HeartbeatV2|}(string Pid, string Name, [SafeInteger] long MemMb);" },
        Diagnostic("PROM0307", 0, "Topic 'heartbeat.received' version 2 ('HeartbeatV2') breaks Backward compatibility with version 1 ('HeartbeatV1'): backward: 'Pid' (pid) changes type from integer in v1 to string in v2"));

    [Fact]
    public Task RemovingARequiredFieldUnderForward_ReportsPROM0307() => TopicVerifier.VerifyAsync(
        new[] { V1, "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.Forward)] public sealed record {|#0:HeartbeatV2|}(int Pid, string Name);" },
        Diagnostic("PROM0307", 0, $"Topic 'heartbeat.received' version 2 ('HeartbeatV2') breaks Forward compatibility with version 1 ('HeartbeatV1'): forward: 'MemMb' (mem_mb) is required in v1 but does not exist in v2; {MakeOptional}"),
        // forward alone: v2 consumers need an upcaster too
        Diagnostic("PROM0308", 0, "Topic 'heartbeat.received' has no [Upcaster] from version 1 ('HeartbeatV1') to version 2 ('HeartbeatV2'), and version 2 is declared Compat = Forward (not backward), so a consumer of version 2 cannot read version-1 records; add '[Upcaster] static HeartbeatV2 Up(HeartbeatV1 old)' or declare version 2 backward compatible"));

    [Fact]
    public Task RemovingARequiredFieldUnderBackwardOrNone_IsSilent() => TopicVerifier.VerifyAsync(new[]
    {
        V1,
        "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name);",
        "[Topic(\"heartbeat.received\", Version = 3, Compat = Compatibility.None)] public sealed record HeartbeatV3(string Pid) { [Upcaster] public static HeartbeatV3 Up(HeartbeatV2 v2) => new(v2.Pid.ToString()); }",
    });

    [Fact]
    public Task TransitiveMode_ChecksEveryEarlierVersion() => TopicVerifier.VerifyAsync(
        new[]
        {
            "[Topic(\"t.x\", Version = 1)] public sealed record X1(int Pid);",
            "[Topic(\"t.x\", Version = 2, Compat = Compatibility.None)] public sealed record {|#1:X2|}(int Pid, string Tag);",
            "[Topic(\"t.x\", Version = 3, Compat = Compatibility.BackwardTransitive)] public sealed record {|#0:X3|}(int Pid, string Tag);",
        },
        Diagnostic("PROM0307", 0, $"Topic 't.x' version 3 ('X3') breaks BackwardTransitive compatibility with version 1 ('X1'): backward: 'Tag' (tag) is required in v3 but does not exist in v1; {MakeOptional}"),
        Diagnostic("PROM0308", 1, "Topic 't.x' has no [Upcaster] from version 1 ('X1') to version 2 ('X2'), and version 2 is declared Compat = None, so a consumer of version 2 cannot read version-1 records; add '[Upcaster] static X2 Up(X1 old)' or declare version 2 backward compatible"));

    [Fact]
    public Task NestedRequiredFieldAndArrayItemTypeChange_ReportPROM0307WithTheirPaths() => TopicVerifier.VerifyAsync(
        new[]
        {
            "public sealed record ProcV1(int Pid); public sealed record ProcV2(int Pid, string Zone);",
            "[Topic(\"host.report\", Version = 1)] public sealed record ReportV1(ProcV1 Leader, List<ProcV1> All, int[] Ports);",
            "[Topic(\"host.report\", Version = 2)] public sealed record {|#0:ReportV2|}(ProcV2 Leader, List<ProcV2> All, string[] Ports);",
        },
        Diagnostic("PROM0307", 0, "Topic 'host.report' version 2 ('ReportV2') breaks Backward compatibility with version 1 ('ReportV1'): " +
            $"backward: 'All[].Zone' (all[].zone) is required in v2 but does not exist in v1; {MakeOptional}; " +
            $"backward: 'Leader.Zone' (leader.zone) is required in v2 but does not exist in v1; {MakeOptional}; " +
            "backward: the items of 'Ports' (ports) change type from integer in v1 to string in v2"));

    [Fact]
    public Task NestedOptionalAdditions_AreSilent() => TopicVerifier.VerifyAsync(new[]
    {
        "public sealed record ProcV1(int Pid); public sealed record ProcV2(int Pid, string? Zone = null);",
        "[Topic(\"host.report\", Version = 1)] public sealed record ReportV1(ProcV1 Leader, List<ProcV1> All);",
        "[Topic(\"host.report\", Version = 2)] public sealed record ReportV2(ProcV2 Leader, List<ProcV2> All);",
    });
}
