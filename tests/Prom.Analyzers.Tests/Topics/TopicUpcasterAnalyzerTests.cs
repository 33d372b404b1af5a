using System.Threading.Tasks;
using Prom.CodeFixes.Topics;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicUpcasterAnalyzerTests
{
    private const string V1 = "[Topic(\"heartbeat.received\", Version = 1)] public sealed record HeartbeatV1(int Pid, string Name, [SafeInteger] long MemMb);";
    private const string V2None = "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.None)] public sealed record {|#9:HeartbeatV2|}(int Pid, string Name, [SafeInteger] long MemMib)";

    private const string NoUpcasterUnderNone =
        "Topic 'heartbeat.received' has no [Upcaster] from version 1 ('HeartbeatV1') to version 2 ('HeartbeatV2'), and version 2 is declared Compat = None, so a consumer of version 2 cannot read version-1 records; add '[Upcaster] static HeartbeatV2 Up(HeartbeatV1 old)' or declare version 2 backward compatible";

    [Fact]
    public Task IncompatibleHopWithoutUpcaster_ReportsPROM0308NamingTopicAndVersions() => TopicVerifier.VerifyAsync(
        new[] { V1, V2None + ";" },
        Diagnostic("PROM0308", 9, NoUpcasterUnderNone));

    [Fact]
    public Task ForwardOnlyHopWithoutUpcaster_ReportsPROM0308() => TopicVerifier.VerifyAsync(
        new[] { V1, "[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.Forward)] public sealed record {|#0:HeartbeatV2|}(int Pid, string Name, [SafeInteger] long MemMb, [SafeInteger] long? Rss);" },
        Diagnostic("PROM0308", 0, "Topic 'heartbeat.received' has no [Upcaster] from version 1 ('HeartbeatV1') to version 2 ('HeartbeatV2'), and version 2 is declared Compat = Forward (not backward), so a consumer of version 2 cannot read version-1 records; add '[Upcaster] static HeartbeatV2 Up(HeartbeatV1 old)' or declare version 2 backward compatible"));

    [Fact]
    public Task HopWithAnUpcaster_IsSilentAndCompiles() => TopicVerifier.VerifyAsync(new[]
    {
        V1, V2None.Replace("{|#9:HeartbeatV2|}", "HeartbeatV2") + " { [Upcaster] public static HeartbeatV2 Up(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb * 1000000 / 1048576); }",
    });

    [Fact]
    public Task UpcasterInASeparateStaticClass_IsSilentAndCompiles() => TopicVerifier.VerifyAsync(new[]
    {
        V1, V2None.Replace("{|#9:HeartbeatV2|}", "HeartbeatV2") + ";",
        "internal static class HeartbeatUpcasters { [Upcaster] internal static HeartbeatV2 ToV2(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); }",
    });

    [Fact]
    public Task BackwardCompatibleHopWithoutUpcaster_IsSilent() => TopicVerifier.VerifyAsync(new[]
    {
        V1, "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb, string? Host = null);",
    });

    [Theory]
    [InlineData("public HeartbeatV2 {|#0:Up|}(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "[Upcaster] 'HeartbeatV2.Up' must be static")]
    [InlineData("private static HeartbeatV2 {|#0:Up|}(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "[Upcaster] 'HeartbeatV2.Up' is private; generated code calls it, so make it public or internal")]
    [InlineData("public static HeartbeatV2 {|#0:Up|}(HeartbeatV1 v1, int x) => new(v1.Pid, v1.Name, x);", "[Upcaster] 'HeartbeatV2.Up' takes 2 parameters; it must take exactly one, version N of a topic")]
    [InlineData("public static HeartbeatV2 {|#0:Up|}(ref HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0);", "[Upcaster] 'HeartbeatV2.Up' takes its parameter by ref; take it by value")]
    [InlineData("public static void {|#0:Up|}(HeartbeatV1 v1) { }", "[Upcaster] 'HeartbeatV2.Up' returns void; it must return version N+1 of the topic")]
    [InlineData("public static HeartbeatV2 {|#0:Up|}(string v1) => new(1, v1, 0);", "[Upcaster] 'HeartbeatV2.Up' takes 'string', which is not a [Topic] payload")]
    [InlineData("public static HeartbeatV2 {|#0:Up|}<T>(T v1) where T : notnull => new(1, v1.ToString()!, 0);", "[Upcaster] 'HeartbeatV2.Up' must not be generic")]
    public Task WrongSignature_ReportsPROM0309AndTheHopStaysWithoutUpcaster(string method, string message) => TopicVerifier.VerifyAsync(
        new[] { V1, V2None + " { [Upcaster] " + method + " }" },
        Diagnostic("PROM0309", 0, message),
        Diagnostic("PROM0308", 9, NoUpcasterUnderNone));

    [Fact]
    public Task UpcasterSkippingAVersionOrCrossingTopics_ReportsPROM0309() => TopicVerifier.VerifyAsync(
        new[]
        {
            V1,
            "[Topic(\"heartbeat.received\", Version = 2)] public sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMb);",
            "[Topic(\"heartbeat.received\", Version = 3)] public sealed record HeartbeatV3(int Pid, string Name, [SafeInteger] long MemMb) { [Upcaster] public static HeartbeatV3 {|#0:Skip|}(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); }",
            "[Topic(\"process.exited\")] public sealed record Exited(int Pid) { [Upcaster] public static Exited {|#1:Cross|}(HeartbeatV1 v1) => new(v1.Pid); }",
        },
        Diagnostic("PROM0309", 0, "[Upcaster] 'HeartbeatV3.Skip' converts version 1 into version 3 of topic 'heartbeat.received'; an upcaster goes from version N to N+1 (chains are built from single steps)"),
        Diagnostic("PROM0309", 1, "[Upcaster] 'Exited.Cross' converts topic 'heartbeat.received' into topic 'process.exited'; both types must be versions of one topic"));

    [Fact]
    public Task TwoUpcastersForOneHop_ReportsPROM0310OnTheSecond() => TopicVerifier.VerifyAsync(
        new[] { V1, V2None.Replace("{|#9:HeartbeatV2|}", "HeartbeatV2") + " { [Upcaster] public static HeartbeatV2 A(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.MemMb); [Upcaster] public static HeartbeatV2 {|#0:B|}(HeartbeatV1 v1) => new(v1.Pid, v1.Name, 0); }" },
        Diagnostic("PROM0310", 0, "[Upcaster] 'HeartbeatV2.B' converts topic 'heartbeat.received' version 1 into version 2, which 'HeartbeatV2.A' already does; keep one"));

    [Fact]
    public Task CodeFix_AddsAnUpcasterMappingSameNamedMembersAndTheResultCompiles()
    {
        var test = TopicVerifier.CodeFix<AddUpcasterCodeFix>(
            V1 + "\n" + V2None.Replace("{|#9:HeartbeatV2|}", "{|PROM0308:HeartbeatV2|}") + ";\n",
            V1 + "\n[Topic(\"heartbeat.received\", Version = 2, Compat = Compatibility.None)]\npublic sealed record HeartbeatV2(int Pid, string Name, [SafeInteger] long MemMib)\n" +
            "{\n    /// <summary>Converts version HeartbeatV1 records to HeartbeatV2.</summary>\n    [Prom.Upcaster]\n    public static HeartbeatV2 FromHeartbeatV1(HeartbeatV1 old) => new(Pid: old.Pid, Name: old.Name, MemMib: default! /* TODO: MemMib from HeartbeatV1 */);\n}\n");
        // PROM0308 is a property of the whole version chain, reported at compilation end (non-local): the IDE offers
        // the fix where it shows such diagnostics (full solution analysis and the build's error list).
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }
}
