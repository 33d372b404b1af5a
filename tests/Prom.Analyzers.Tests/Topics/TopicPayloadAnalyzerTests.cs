using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicPayloadAnalyzerTests
{
    private const string UseInstead = "use string, bool, a number, Guid, DateTime, DateTimeOffset, an enum, a nested record, or an array or list of these";

    [Fact]
    public Task UnsupportedCollections_ReportPROM0304NamingTheMemberAndWhy() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed record Batch(int Id, List<List<int>> {|#0:Nested|}, Dictionary<string, int> {|#1:Counts|}, byte[] {|#2:Raw|}, int[,] {|#3:Grid|});",
        Diagnostic("PROM0304", 0, "Member 'Nested' of topic payload 'Batch' cannot be serialized: its element type 'System.Collections.Generic.List<int>' is not supported: collections of collections are not supported; wrap the inner collection in a record"),
        Diagnostic("PROM0304", 1, "Member 'Counts' of topic payload 'Batch' cannot be serialized: the generic type 'System.Collections.Generic.Dictionary<string, int>' is not supported (arrays, List<T> and the list interfaces are; dictionaries are not yet)"),
        Diagnostic("PROM0304", 2, "Member 'Raw' of topic payload 'Batch' cannot be serialized: byte[] is not supported (System.Text.Json writes it as base64, the generated codec would not); use List<byte> or a base64 string"),
        Diagnostic("PROM0304", 3, "Member 'Grid' of topic payload 'Batch' cannot be serialized: multi-dimensional arrays are not supported; use an array of records"));

    [Fact]
    public Task ObjectMember_ReportsPROM0304() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed class Bag { public object? {|#0:Anything|} { get; set; } public TimeSpan {|#1:Took|} { get; set; } }",
        Diagnostic("PROM0304", 0, "Member 'Anything' of topic payload 'Bag' cannot be serialized: the type 'object?' is not supported"),
        Diagnostic("PROM0304", 1, $"Member 'Took' of topic payload 'Bag' cannot be serialized: the type 'System.TimeSpan' is not supported; {UseInstead}"));

    [Fact]
    public Task RecursiveNestedType_ReportsPROM0304() => TopicVerifier.VerifyAsync(
        new[] { "public sealed record Node(string Name, List<Node> Children);", "[Topic(\"a.b\")] public sealed record Tree(Node {|#0:Root|});" },
        Diagnostic("PROM0304", 0, "Member 'Root' of topic payload 'Tree' cannot be serialized: member 'Children' of its type 'Node' cannot be serialized: its element type 'Ops.Node' is not supported: 'Node' contains itself (directly or through other types); recursive payload types are not supported"));

    [Fact]
    public Task NestedTypeWithAnUnsupportedMember_ReportsPROM0304NamingTheNestedMember() => TopicVerifier.VerifyAsync(
        new[] { "public sealed record Inner(int Id, TimeSpan Took);", "[Topic(\"a.b\")] public sealed record Outer(int Seq, IReadOnlyList<Inner> {|#0:Items|});" },
        Diagnostic("PROM0304", 0, $"Member 'Items' of topic payload 'Outer' cannot be serialized: its element type 'Ops.Inner' is not supported: member 'Took' of its type 'Inner' cannot be serialized: the type 'System.TimeSpan' is not supported; {UseInstead}"));

    [Fact]
    public Task KeyOnANestedObject_ReportsPROM0305() => TopicVerifier.VerifyAsync(
        new[] { "public sealed record Inner(int Id);", "[Topic(\"a.b\", Key = {|#0:nameof(Inner)|})] public sealed record Outer(Inner Inner);" },
        Diagnostic("PROM0305", 0, "[Topic] on 'Outer': Key names 'Inner', a nested object or collection; the key must be a scalar member"));

    [Fact]
    public Task NestedObjectsAndCollections_AreSilentAndCompile() => TopicVerifier.VerifyAsync(new[]
    {
        "public enum Stage : byte { Idle, Busy }",
        "public sealed record Proc(int Pid, string? Name, Stage Stage);",
        "public readonly record struct Point(double X, double Y);",
        "public sealed class Holder { public Proc? Best { get; set; } public List<Point> Path { get; set; } = new(); }",
        "[Topic(\"a.b\")] public sealed record Batch(Proc Leader, Holder Holder, Point Origin, Point? Maybe, IEnumerable<Proc?> All, ICollection<Stage> Stages, IReadOnlyCollection<Guid?> Ids, IList<string> Names, double[]? Values = null);",
    });

    [Fact]
    public Task GetOnlyMemberWithoutConstructorParameter_ReportsPROM0304() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed class Reading { public double Value { get; set; } public double {|#0:Twice|} => Value * 2; }",
        Diagnostic("PROM0304", 0, "Member 'Twice' of topic payload 'Reading' cannot be serialized: it has no public setter or init accessor and no matching constructor parameter, so it cannot be read back; add one or mark it [JsonIgnore]"));

    [Fact]
    public Task TwoMembersWithOneJsonName_ReportPROM0304() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed record Clash(int CpuPct, [property: JsonPropertyName(\"cpu_pct\")] int {|#0:Cpu|});",
        Diagnostic("PROM0304", 0, "Member 'Cpu' of topic payload 'Clash' cannot be serialized: its JSON name 'cpu_pct' is also the JSON name of 'CpuPct'"));

    [Fact]
    public Task IgnoredAndSupportedMembers_CompileAndOnlyDateTimeAndDecimalWarn() => TopicVerifier.VerifyAsync("""
        public enum Level : long { Low, High }
        [Topic("a.b")]
        public sealed class Fine
        {
            public Guid Id { get; init; }
            public string? Note { get; set; }
            public DateTime {|#0:At|} { get; set; }
            public Level Level { get; set; }
            public sbyte Tiny { get; set; }
            public uint Count { get; set; }
            public decimal? {|#1:Price|} { get; set; }
            [JsonIgnore] public List<int> Scratch { get; } = new();
            [JsonIgnore] public double Ignored => 3;
        }
        """,
        Diagnostic("PROM0311", 0, "Member 'At' of topic payload 'Fine' is a DateTime, whose JSON text names no offset unless its Kind is Utc, so another language cannot tell which instant it is; use DateTimeOffset"),
        Diagnostic("PROM0311", 1, "Member 'Price' of topic payload 'Fine' is a decimal, which TypeScript and Python JSON readers turn into a double (about 15 significant digits); use double, or a string that holds the decimal's text"));

    [Theory]
    [InlineData("Version = {|#0:0|}", "Version must be at least 1, not 0")]
    [InlineData("Partitions = {|#0:-1|}", "Partitions must be 0 (the bus default) or more, not -1")]
    [InlineData("RetentionDays = {|#0:-2|}", "RetentionDays must be 0 (keep forever) or more, not -2")]
    [InlineData("Key = {|#0:\"Missing\"|}", "Key names 'Missing', which is not a serialized member of 'Ping'")]
    public Task BadSetting_ReportsPROM0305OnTheSetting(string setting, string message) => TopicVerifier.VerifyAsync(
        $"[Topic(\"a.b\", {setting})] public sealed record Ping(int Seq);",
        Diagnostic("PROM0305", 0, "[Topic] on 'Ping': " + message));

    [Fact]
    public Task AbstractPayload_ReportsPROM0305() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public abstract class {|#0:Base|} { public int Seq { get; set; } }",
        Diagnostic("PROM0305", 0, "[Topic] on 'Base': a payload type must not be abstract or static; generated code constructs it"));

    [Fact]
    public Task PrivateNestedPayload_ReportsPROM0305() => TopicVerifier.VerifyAsync(
        "public static class Outer { [Topic(\"a.b\")] private sealed record {|#0:Hidden|}(int Seq); }",
        Diagnostic("PROM0305", 0, "[Topic] on 'Hidden': 'Hidden' is private; the payload type and its containing types must be public or internal"));

    [Fact]
    public Task NoUsableConstructor_ReportsPROM0305() => TopicVerifier.VerifyAsync(
        "[Topic(\"a.b\")] public sealed class {|#0:Odd|} { public Odd(string other) { } public int Seq { get; set; } }",
        Diagnostic("PROM0305", 0, "[Topic] on 'Odd': it needs a public constructor whose parameters each match a serialized member by name and type, or a public parameterless constructor"));

    [Fact]
    public Task KeyAndSettingsInRange_AreSilentAndCompile() => TopicVerifier.VerifyAsync(new[]
    {
        "[Topic(\"a.b\", Version = 1, Compat = Compatibility.FullTransitive, Partitions = 8, RetentionDays = 30, Compaction = true, Key = nameof(Seq))] public sealed record Ping(int Seq);",
        "public static class Outer { [Topic(\"c.d\")] internal readonly record struct Nested(Guid? Id, string Name = \"none\", double Level = 0.5); }",
    });

    [Fact]
    public Task KeywordMemberNames_AreEscapedInGeneratedCode() => TopicVerifier.VerifyAsync(new[]
    {
        "[Topic(\"a.b\", Key = \"class\")] public sealed record Kw(int @event, string @class);",
        "[Topic(\"c.d\")] public sealed class KwSet { public int @int { get; set; } public string? @default { get; init; } }",
    });
}
