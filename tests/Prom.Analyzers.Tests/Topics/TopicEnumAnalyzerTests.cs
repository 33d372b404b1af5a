using System.Threading.Tasks;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>Enums go on the wire as their names: which enums can, and what changing their members does to compatibility.</summary>
public sealed class TopicEnumAnalyzerTests
{
    private const string Breaks = "Topic 'ops.level' version 2 ('LevelV2') breaks";
    private const string KeepWireName = "(an enum member removed or renamed; keep a renamed member's wire name with [JsonStringEnumMemberName])";

    private static string[] Versions(string oldEnum, string newEnum, string compat, string v2Member = "Level") => new[]
    {
        $"public static class Old {{ {oldEnum} }}",
        $"public static class New {{ {newEnum} }}",
        "[Topic(\"ops.level\", Version = 1)] public sealed record LevelV1(Old.Level Level, List<Old.Level> History);",
        $"[Topic(\"ops.level\", Version = 2, Compat = Compatibility.{compat})] public sealed record {{|#0:LevelV2|}}(New.{v2Member} Level, List<New.{v2Member}> History);",
    };

    [Fact]
    public Task FlagsEnum_ReportsPROM0304() => TopicVerifier.VerifyAsync(new[]
        {
            "[Flags] public enum Access { None = 0, Read = 1, Write = 2 }",
            "[Topic(\"a.b\")] public sealed record Grant(string User, Access {|#0:Access|}, List<Access> {|#1:History|});",
        },
        Diagnostic("PROM0304", 0, "Member 'Access' of topic payload 'Grant' cannot be serialized: 'Access' is a [Flags] enum: a combination of flags has no single name on the wire; use a list of a plain enum (List<Access>) or an integer"),
        Diagnostic("PROM0304", 1, "Member 'History' of topic payload 'Grant' cannot be serialized: its element type 'Ops.Access' is not supported: 'Access' is a [Flags] enum: a combination of flags has no single name on the wire; use a list of a plain enum (List<Access>) or an integer"));

    [Fact]
    public Task EnumWithoutMembers_AndTwoValuesWithOneWireName_ReportPROM0304() => TopicVerifier.VerifyAsync(new[]
        {
            "public enum Nothing { }",
            "public enum Clash { A, [JsonStringEnumMemberName(\"A\")] B }",
            "[Topic(\"a.b\")] public sealed record Odd(Nothing {|#0:None|}, Clash? {|#1:Which|});",
        },
        Diagnostic("PROM0304", 0, "Member 'None' of topic payload 'Odd' cannot be serialized: enum 'Nothing' has no members, so no value of it could be written"),
        Diagnostic("PROM0304", 1, "Member 'Which' of topic payload 'Odd' cannot be serialized: members 'A' and 'B' of enum 'Clash' have different values but the same wire name 'A'"));

    [Fact]
    public Task AliasesCustomWireNamesAndEveryUnderlyingType_AreSilentAndCompile() => TopicVerifier.VerifyAsync(new[]
    {
        "public enum Mode : ulong { Off, On, [JsonStringEnumMemberName(\"half-on\")] Partial = ulong.MaxValue, Default = On }",
        "public enum Tiny : sbyte { Low = -128, High = 127 }",
        "[Topic(\"a.b\", Key = nameof(Mode))] public sealed record Switch(Mode Mode, Tiny? Tiny, Mode[] Seen);",
    });

    [Fact]
    public Task AddingAMember_IsBackwardCompatible() => TopicVerifier.VerifyAsync(
        Versions("public enum Level { Low, High }", "public enum Level { Low, High, Critical }", "Backward"));

    [Fact]
    public Task AddingAMember_BreaksForwardCompatibility_ForTheMemberAndTheItems() => TopicVerifier.VerifyAsync(
        Versions("public enum Level { Low, High }", "public enum Level { Low, High, Critical }", "Full"),
        Diagnostic("PROM0307", 0, $"{Breaks} Full compatibility with version 1 ('LevelV1'): " +
            $"forward: the items of 'History' (history) may hold 'Critical' in v2, which v1 does not know {KeepWireName}; " +
            $"forward: 'Level' (level) may hold 'Critical' in v2, which v1 does not know {KeepWireName}"));

    [Fact]
    public Task RemovingAMember_BreaksBackwardCompatibility() => TopicVerifier.VerifyAsync(
        Versions("public enum Level { Low, High, Critical }", "public enum Level { Low, High }", "Backward"),
        Diagnostic("PROM0307", 0, $"{Breaks} Backward compatibility with version 1 ('LevelV1'): " +
            $"backward: the items of 'History' (history) may hold 'Critical' in v1, which v2 does not know {KeepWireName}; " +
            $"backward: 'Level' (level) may hold 'Critical' in v1, which v2 does not know {KeepWireName}"));

    [Fact]
    public Task RenamingAMember_BreaksBothWays_ButRenumberingOrKeepingTheWireNameDoesNot() => TopicVerifier.VerifyAsync(
        new[]
        {
            "public static class Old { public enum Level { Low, High } }",
            "public static class New { public enum Level { Low, Urgent } }",
            "public static class Kept { public enum Level { [JsonStringEnumMemberName(\"High\")] Urgent = 7, Low = 3 } }",
            "[Topic(\"ops.level\", Version = 1)] public sealed record LevelV1(Old.Level Level);",
            "[Topic(\"ops.level\", Version = 2, Compat = Compatibility.Full)] public sealed record {|#0:LevelV2|}(New.Level Level);",
            "[Topic(\"ops.other\", Version = 1)] public sealed record OtherV1(Old.Level Level);",
            "[Topic(\"ops.other\", Version = 2, Compat = Compatibility.FullTransitive)] public sealed record OtherV2(Kept.Level Level);",
        },
        Diagnostic("PROM0307", 0, $"{Breaks} Full compatibility with version 1 ('LevelV1'): " +
            $"backward: 'Level' (level) may hold 'High' in v1, which v2 does not know {KeepWireName}; " +
            $"forward: 'Level' (level) may hold 'Urgent' in v2, which v1 does not know {KeepWireName}"));

    [Fact]
    public Task EnumReadAsString_IsCompatible_ButStringReadAsEnumIsNot() => TopicVerifier.VerifyAsync(
        new[]
        {
            "public enum Level { Low, High }",
            "[Topic(\"ops.level\", Version = 1)] public sealed record LevelV1(Level Level);",
            "[Topic(\"ops.level\", Version = 2)] public sealed record LevelV2(string Level);",
            "[Topic(\"ops.level\", Version = 3)] public sealed record {|#0:LevelV3|}(Level Level);",
        },
        Diagnostic("PROM0307", 0, "Topic 'ops.level' version 3 ('LevelV3') breaks Backward compatibility with version 2 ('LevelV2'): backward: 'Level' (level) is any string in v2 but an enum in v3, which reads only its member names"));

    [Fact]
    public Task EnumChangedToANumber_IsATypeChange() => TopicVerifier.VerifyAsync(
        new[]
        {
            "public enum Level { Low, High }",
            "[Topic(\"ops.level\", Version = 1)] public sealed record LevelV1(Level Level);",
            "[Topic(\"ops.level\", Version = 2)] public sealed record {|#0:LevelV2|}(int Level);",
        },
        Diagnostic("PROM0307", 0, "Topic 'ops.level' version 2 ('LevelV2') breaks Backward compatibility with version 1 ('LevelV1'): backward: 'Level' (level) changes type from string in v1 to integer in v2"));
}
