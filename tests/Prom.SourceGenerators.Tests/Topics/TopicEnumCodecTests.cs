using System;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>
/// Enums on the wire, run through generated code: names (custom ones with <c>[JsonStringEnumMemberName]</c>, aliases
/// written with the first name), the same text System.Text.Json's <c>JsonStringEnumConverter</c> writes, legacy
/// numbers read only when they name a member, and every wrong value refused naming the member.
/// </summary>
public sealed class TopicEnumCodecTests
{
    internal const string Declarations = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Prom;
        namespace Ops;

        public enum Mode : ulong { Off, On, [JsonStringEnumMemberName("half-on")] Partial = ulong.MaxValue, Default = On, @class = 9 }
        public enum Tiny : sbyte { Low = -128, High = 127 }
        public sealed record Panel(string Name, Mode Mode);

        [Topic("ops.switch", Key = nameof(Mode))]
        public sealed record Switch(Mode Mode, Tiny? Tiny, List<Mode> Seen, Mode?[] Gaps, Panel Panel);
        """;

    private const string ProbeSource = """
        using System;
        using System.Collections.Generic;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Prom.Topics;
        namespace Ops;

        public static class Probe
        {
            private static readonly JsonSerializerOptions s_stj = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new JsonStringEnumConverter() } };

            public static Switch Sample() => new(Mode.Partial, Tiny.Low, new() { Mode.Off, Mode.Default, Mode.@class }, new Mode?[] { null, Mode.On }, new Panel("p", Mode.On));

            // [ours, System.Text.Json, key, read back equal]
            public static string[] Write()
            {
                Switch s = Sample();
                byte[] ours = SwitchTopic.Serialize(s);
                Switch back = SwitchTopic.Deserialize(ours);
                bool equal = back.Mode == s.Mode && back.Tiny == s.Tiny && string.Join(",", back.Seen) == string.Join(",", s.Seen)
                    && string.Join(",", back.Gaps) == string.Join(",", s.Gaps) && back.Panel == s.Panel;
                return new[] { Encoding.UTF8.GetString(ours), JsonSerializer.Serialize(s, s_stj), SwitchTopic.KeyOf(s)!, equal.ToString() };
            }

            public static string Read(string json)
            {
                try
                {
                    Switch s = SwitchTopic.Deserialize(Encoding.UTF8.GetBytes(json));
                    return $"{s.Mode}|{s.Tiny}|{string.Join(",", s.Seen)}|{string.Join(",", s.Gaps)}|{s.Panel.Mode}";
                }
                catch (TopicPayloadException e)
                {
                    return $"{e.Member}|{e.JsonName}|{e.Message}";
                }
            }

            public static string WriteUndefined(string which)
            {
                Switch s = which switch
                {
                    "member" => Sample() with { Mode = (Mode)42 },
                    "nullable" => Sample() with { Tiny = (Tiny)5 },
                    "item" => Sample() with { Seen = new() { Mode.On, (Mode)42 } },
                    _ => Sample() with { Panel = new Panel("p", (Mode)42) },
                };
                try
                {
                    SwitchTopic.Serialize(s);
                    return "written";
                }
                catch (TopicPayloadException e)
                {
                    return $"{e.Member}|{e.Message}";
                }
            }

            // A publish check (the gateway's) refuses the legacy numbers a stored record may hold.
            public static string Check(string json)
            {
                try
                {
                    new TopicPayloadCodec<Switch>(SwitchTopic.Codec).Check(Encoding.UTF8.GetBytes(json));
                    return "valid";
                }
                catch (TopicPayloadException e)
                {
                    return $"{e.Member}|{e.Message}";
                }
            }

            public static string WithEnumNames(string json) =>
                new TopicPayloadCodec<Switch>(SwitchTopic.Codec).WithEnumNames(Encoding.UTF8.GetBytes(json)) is { } named ? Encoding.UTF8.GetString(named) : "unchanged";
        }
        """;

    private const string Names = """{"mode":"half-on","tiny":"Low","seen":["Off","On","class"],"gaps":[null,"On"],"panel":{"name":"p","mode":"On"}}""";

    private static readonly Lazy<(CompilationRun Run, LoadedAssembly Assembly)> s_compiled = new(() =>
    {
        CompilationRun run = TopicTestSource.CompileOnly(Declarations, ProbeSource).AssertClean();
        return (run, run.Load());
    });

    private static T Probe<T>(string method, params object[] arguments) => s_compiled.Value.Assembly.Invoke<T>("Ops.Probe", method, arguments);

    [Fact]
    public void Enums_AreWrittenAsTheirNames_AsJsonStringEnumConverterWrites_AndReadBack()
    {
        string[] result = Probe<string[]>("Write");
        Assert.Equal(Names, result[0]);
        Assert.Equal(result[1], result[0]);
        Assert.Equal("half-on", result[2]); // the key is the wire name, as the TypeScript and Python clients see the value
        Assert.Equal("True", result[3]);
    }

    [Fact]
    public void Schema_ListsTheWireNames_WithNullForNullableEnums()
    {
        string schema = (string)s_compiled.Value.Assembly.Type("Ops.SwitchTopic").GetField("JsonSchema")!.GetRawConstantValue()!;
        Assert.Contains("\"mode\":{\"title\":\"Mode\",\"type\":\"string\",\"enum\":[\"Off\",\"On\",\"half-on\",\"class\"]}", schema);
        Assert.Contains("\"tiny\":{\"title\":\"Tiny\",\"type\":[\"string\",\"null\"],\"enum\":[\"Low\",\"High\",null]}", schema);
        Assert.Contains("\"gaps\":{\"type\":\"array\",\"items\":{\"title\":\"Mode\",\"type\":[\"string\",\"null\"],\"enum\":[\"Off\",\"On\",\"half-on\",\"class\",null]}}", schema);
    }

    [Fact]
    public void LegacyNumbers_AreRead_WhenTheyNameAMember()
    {
        Assert.Equal("Partial|Low|Off,On,class|,On|On",
            Probe<string>("Read", """{"mode":18446744073709551615,"tiny":-128,"seen":[0,1,9],"gaps":[null,1],"panel":{"name":"p","mode":1}}"""));
        Assert.Equal("Partial|Low|Off,On,class|,On|On", Probe<string>("Read", Names));
    }

    [Theory]
    [InlineData("""{"mode":"Sick","seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "must be one of 'Off', 'On', 'half-on', 'class', found String Sick")]
    [InlineData("""{"mode":"Partial","seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "found String Partial")] // the C# name, not the wire name
    [InlineData("""{"mode":"on","seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "found String on")] // names are case-sensitive
    [InlineData("""{"mode":2,"seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "is 2, which is not a defined member of Mode, so it has no name on the wire")]
    [InlineData("""{"mode":true,"seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "must be one of 'Off', 'On', 'half-on', 'class', found True")]
    [InlineData("""{"mode":null,"seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Mode|mode|", "is required but null")]
    [InlineData("""{"mode":"On","tiny":"Mid","seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Tiny|tiny|", "must be one of 'Low', 'High', found String Mid")]
    [InlineData("""{"mode":"On","tiny":300,"seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Tiny|tiny|", "must be an integer from -128 to 127")]
    [InlineData("""{"mode":"On","seen":["On",null],"gaps":[],"panel":{"name":"p","mode":"On"}}""", "Seen|seen|", "is required but null")]
    [InlineData("""{"mode":"On","seen":[],"gaps":[5],"panel":{"name":"p","mode":"On"}}""", "Gaps|gaps|", "is 5, which is not a defined member of Mode")]
    [InlineData("""{"mode":"On","seen":[],"gaps":[],"panel":{"name":"p","mode":"Sick"}}""", "Mode|mode|", "found String Sick")]
    public void WrongValues_AreRefusedNamingTheMember(string json, string memberAndJsonName, string problem)
    {
        string result = Probe<string>("Read", json);
        Assert.StartsWith(memberAndJsonName, result);
        Assert.Contains(problem, result);
    }

    [Theory]
    [InlineData("member", "Mode|", "is 42, which is not a defined member of Mode, so it has no name on the wire")]
    [InlineData("nullable", "Tiny|", "is 5, which is not a defined member of Tiny")]
    [InlineData("item", "Seen|", "has 42 at index 1, which is not a defined member of Mode")]
    [InlineData("nested", "Mode|", "is 42, which is not a defined member of Mode")]
    public void UndefinedValues_AreRefusedBeforeAnythingIsWritten(string which, string member, string problem)
    {
        string result = Probe<string>("WriteUndefined", which);
        Assert.StartsWith(member, result);
        Assert.Contains(problem, result);
    }

    [Fact]
    public void PublishCheck_RefusesLegacyNumbers_AndAcceptsNames()
    {
        Assert.Equal("valid", Probe<string>("Check", Names));
        string result = Probe<string>("Check", """{"mode":1,"seen":[],"gaps":[],"panel":{"name":"p","mode":"On"}}""");
        Assert.StartsWith("Mode|", result);
        Assert.Contains("an enum goes on the wire as its member's name; numbers are read only from records stored before that", result);
        Assert.StartsWith("Mode|", Probe<string>("Check", """{"mode":"On","seen":[],"gaps":[],"panel":{"name":"p","mode":1}}"""));
        // the check's refusal is scoped to the check: a plain read on the same thread still reads legacy numbers
        Assert.StartsWith("On|", Probe<string>("Read", """{"mode":1,"seen":[],"gaps":[],"panel":{"name":"p","mode":1}}"""));
    }

    [Fact]
    public void WithEnumNames_RewritesOnlyLegacyRecords()
    {
        Assert.Equal("unchanged", Probe<string>("WithEnumNames", Names));
        Assert.Equal("""{"mode":"On","tiny":null,"seen":["class"],"gaps":[],"panel":{"name":"p","mode":"Off"}}""",
            Probe<string>("WithEnumNames", """{"mode":1,"seen":[9],"gaps":[],"panel":{"name":"p","mode":0}}"""));
    }
}
