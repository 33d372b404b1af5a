using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicPayloadAnalyzerTests
{
    [Fact]
    public void UnsupportedCollections_ReportPROM0304NamingTheMemberAndWhy() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed record Batch(int Id, List<List<int>> Nested, Dictionary<string, int> Counts, byte[] Raw, int[,] Grid);"),
        new ExpectedDiagnostic("PROM0304", "Nested", "Member 'Nested' of topic payload 'Batch' cannot be serialized", "its element type 'System.Collections.Generic.List<int>' is not supported: collections of collections are not supported"),
        new ExpectedDiagnostic("PROM0304", "Counts", "the generic type 'System.Collections.Generic.Dictionary<string, int>' is not supported", "dictionaries are not yet"),
        new ExpectedDiagnostic("PROM0304", "Raw", "byte[] is not supported"),
        new ExpectedDiagnostic("PROM0304", "Grid", "multi-dimensional arrays are not supported"));

    [Fact]
    public void ObjectMember_ReportsPROM0304() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed class Bag { public object? Anything { get; set; } public TimeSpan Took { get; set; } }"),
        new ExpectedDiagnostic("PROM0304", "Anything", "'Anything'", "the type 'object?' is not supported"),
        new ExpectedDiagnostic("PROM0304", "Took", "'Took'", "the type 'System.TimeSpan' is not supported"));

    [Fact]
    public void RecursiveNestedType_ReportsPROM0304() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "public sealed record Node(string Name, List<Node> Children);",
            "[Topic(\"a.b\")] public sealed record Tree(Node Root);"),
        new ExpectedDiagnostic("PROM0304", "Root", "Member 'Root' of topic payload 'Tree' cannot be serialized",
            "member 'Children' of its type 'Node' cannot be serialized", "'Node' contains itself (directly or through other types); recursive payload types are not supported"));

    [Fact]
    public void NestedTypeWithAnUnsupportedMember_ReportsPROM0304NamingTheNestedMember() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(
            "public sealed record Inner(int Id, TimeSpan Took);",
            "[Topic(\"a.b\")] public sealed record Outer(int Seq, IReadOnlyList<Inner> Items);"),
        new ExpectedDiagnostic("PROM0304", "Items", "its element type 'Ops.Inner' is not supported: member 'Took' of its type 'Inner' cannot be serialized: the type 'System.TimeSpan' is not supported"));

    [Fact]
    public void KeyOnANestedObject_ReportsPROM0305() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("public sealed record Inner(int Id);", "[Topic(\"a.b\", Key = nameof(Inner))] public sealed record Outer(Inner Inner);"),
        new ExpectedDiagnostic("PROM0305", "nameof(Inner)", "Key names 'Inner', a nested object or collection; the key must be a scalar member"));

    [Fact]
    public void NestedObjectsAndCollections_AreSilentAndCompile() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "public enum Stage : byte { Idle, Busy }",
            "public sealed record Proc(int Pid, string? Name, Stage Stage);",
            "public readonly record struct Point(double X, double Y);",
            "public sealed class Holder { public Proc? Best { get; set; } public List<Point> Path { get; set; } = new(); }",
            "[Topic(\"a.b\")] public sealed record Batch(Proc Leader, Holder Holder, Point Origin, Point? Maybe, IEnumerable<Proc?> All, ICollection<Stage> Stages, IReadOnlyCollection<Guid?> Ids, IList<string> Names, double[]? Values = null);"));

    [Fact]
    public void GetOnlyMemberWithoutConstructorParameter_ReportsPROM0304() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed class Reading { public double Value { get; set; } public double Twice => Value * 2; }"),
        new ExpectedDiagnostic("PROM0304", "Twice", "'Twice'", "no public setter or init accessor"));

    [Fact]
    public void TwoMembersWithOneJsonName_ReportPROM0304() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed record Clash(int CpuPct, [property: JsonPropertyName(\"cpu_pct\")] int Cpu);"),
        new ExpectedDiagnostic("PROM0304", "Cpu", "its JSON name 'cpu_pct' is also the JSON name of 'CpuPct'"));

    [Fact]
    public void IgnoredAndSupportedMembers_CompileAndOnlyDateTimeAndDecimalWarn() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram("""
            public enum Level : long { Low, High }
            [Topic("a.b")]
            public sealed class Fine
            {
                public Guid Id { get; init; }
                public string? Note { get; set; }
                public DateTime At { get; set; }
                public Level Level { get; set; }
                public sbyte Tiny { get; set; }
                public uint Count { get; set; }
                public decimal? Price { get; set; }
                [JsonIgnore] public List<int> Scratch { get; } = new();
                public double Twice => 2;
                [JsonIgnore] public double Ignored => 3;
            }
            """.Replace("public double Twice => 2;\n", "")),
        new ExpectedDiagnostic("PROM0311", "At", "is a DateTime"),
        new ExpectedDiagnostic("PROM0311", "Price", "is a decimal"));

    [Theory]
    [InlineData("Version = 0", "0", "Version must be at least 1, not 0")]
    [InlineData("Partitions = -1", "-1", "Partitions must be 0 (the bus default) or more, not -1")]
    [InlineData("RetentionDays = -2", "-2", "RetentionDays must be 0 (keep forever) or more, not -2")]
    [InlineData("Key = \"Missing\"", "\"Missing\"", "Key names 'Missing', which is not a serialized member of 'Ping'")]
    public void BadSetting_ReportsPROM0305OnTheSetting(string setting, string span, string message) => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours($"[Topic(\"a.b\", {setting})] public sealed record Ping(int Seq);"),
        new ExpectedDiagnostic("PROM0305", span, "[Topic] on 'Ping': " + message));

    [Fact]
    public void AbstractPayload_ReportsPROM0305() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public abstract class Base { public int Seq { get; set; } }"),
        new ExpectedDiagnostic("PROM0305", "Base", "must not be abstract"));

    [Fact]
    public void PrivateNestedPayload_ReportsPROM0305() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("public static class Outer { [Topic(\"a.b\")] private sealed record Hidden(int Seq); }"),
        new ExpectedDiagnostic("PROM0305", "Hidden", "'Hidden' is private"));

    [Fact]
    public void NoUsableConstructor_ReportsPROM0305() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(\"a.b\")] public sealed class Odd { public Odd(string other) { } public int Seq { get; set; } }"),
        new ExpectedDiagnostic("PROM0305", "Odd", "needs a public constructor"));

    [Fact]
    public void KeyAndSettingsInRange_AreSilentAndCompile() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "[Topic(\"a.b\", Version = 1, Compat = Compatibility.FullTransitive, Partitions = 8, RetentionDays = 30, Compaction = true, Key = nameof(Seq))] public sealed record Ping(int Seq);",
            "public static class Outer { [Topic(\"c.d\")] internal readonly record struct Nested(Guid? Id, string Name = \"none\", double Level = 0.5); }"));

    [Fact]
    public void KeywordMemberNames_AreEscapedInGeneratedCode() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(
            "[Topic(\"a.b\", Key = \"class\")] public sealed record Kw(int @event, string @class);",
            "[Topic(\"c.d\")] public sealed class KwSet { public int @int { get; set; } public string? @default { get; init; } }"));
}
