using System.Linq;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

public sealed class TopicCodecTests
{
    private static string Probe(string method, params object[] arguments) => TopicCompiled.Assembly.Invoke<string>("Ops.Probe", method, arguments);

    [Fact]
    public void GeneratedSerializer_WritesExactlyWhatSystemTextJsonWrites()
    {
        string[] both = TopicCompiled.Assembly.Invoke<string[]>("Ops.Probe", "SerializeBoth");
        Assert.Equal(both[1], both[0]);
        Assert.Equal(both[3], both[2]);
        // Spot-check the shape so that an agreement on something wrong would still fail.
        Assert.StartsWith("{\"pid\":42,\"name\":\"worker \\u00227\\u0022 \\u00FC\",\"host\":\"host-a\",\"cpu_pct\":12.5,\"mem_mb\":2048}", both[0]);
        Assert.Contains("\"note\":null", both[2]);
        Assert.Contains("\"state\":\"Degraded\"", both[2]);
        Assert.Contains("\"previous\":\"Ok\"", both[2]);
        Assert.Contains("\"tick\":18446744073709551615", both[2]);
        Assert.DoesNotContain("display", both[2]);
    }

    [Fact]
    public void GeneratedDeserializer_ReadsSystemTextJsonOutputBackToEqualValues()
    {
        string[] results = TopicCompiled.Assembly.Invoke<string[]>("Ops.Probe", "ReadStjOutput");
        string[] both = TopicCompiled.Assembly.Invoke<string[]>("Ops.Probe", "SerializeBoth");
        Assert.Equal(both[1], results[0]);
        Assert.Equal(both[3], results[1]);
        Assert.Equal("True", results[2]);
    }

    [Fact]
    public void UnknownMembers_AreSkippedAndMissingOptionalOnesKeepTheirDefaults()
    {
        string json = Probe("DeserializeSnapshot",
            """{"extra":{"a":[1,{"b":null}]},"id":"0190f5c2-7b1e-7c3a-9f00-1234567890ab","state":1,"at":"2024-01-02T03:04:05Z","alive":false,"cost":2,"load":1.5,"delta":0,"port":1,"tick":5}""");
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(3, root.GetProperty("retries").GetInt32()); // not in the JSON: the initializer's value stays
        Assert.Equal(JsonValueKind.Null, root.GetProperty("exit_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("previous").ValueKind);
        Assert.Equal(5ul, root.GetProperty("tick").GetUInt64());
        Assert.Equal("Ok", root.GetProperty("state").GetString()); // a record stored before enums went on the wire by name: its number
    }

    [Fact]
    public void MissingConstructorParameters_TakeTheirDeclaredDefaults()
    {
        Assert.Equal(
            "Exited { Pid = 5, Reason = unknown \"signal\", Code = -1.5, Health = Ok, Run = , Cost = 0.25 }",
            Probe("DeserializeExited", """{"pid":5}"""));
        Assert.Equal(
            "Exited { Pid = 5, Reason = kill, Code = 9, Health = Degraded, Run = 0190f5c2-7b1e-7c3a-9f00-1234567890ab, Cost = 0.25 }",
            Probe("DeserializeExited", """{"pid":5,"reason":"kill","code":9,"health":2,"run":"0190f5c2-7b1e-7c3a-9f00-1234567890ab"}"""));
    }

    [Theory]
    [InlineData("""{"pid":"seven","name":"n","host":"h","cpu_pct":1,"mem_mb":2}""", "Pid|pid|", "must be a 32-bit integer, found String seven")]
    [InlineData("""{"pid":7,"name":"n","host":"h","cpu_pct":1}""", "MemMb|mem_mb|", "is required but missing")]
    [InlineData("""{"pid":7,"name":null,"host":"h","cpu_pct":1,"mem_mb":2}""", "Name|name|", "is required but null")]
    [InlineData("""{"pid":7,"name":"n","host":"h","cpu_pct":1e999,"mem_mb":2}""", "CpuPct|cpu_pct|", "must be a finite number")]
    [InlineData("""{"pid":3000000000,"name":"n","host":"h","cpu_pct":1,"mem_mb":2}""", "Pid|pid|", "must be a 32-bit integer")]
    [InlineData("""[1,2]""", "||", "must be a JSON object, found StartArray")]
    [InlineData("""{"pid":7,"name":"n" """, "||", "is not valid JSON")]
    public void InvalidJson_IsRejectedNamingTheMember(string json, string memberAndJsonName, string problem)
    {
        string result = Probe("Deserialize", json);
        Assert.StartsWith(memberAndJsonName, result);
        Assert.Contains(problem, result);
        Assert.Contains("heartbeat.received", result);
    }

    [Fact]
    public void JsonSchema_DescribesEveryMemberAndTheRequiredOnes()
    {
        string schema = (string)TopicCompiled.Assembly.Type("Ops.SnapshotTopic").GetField("JsonSchema", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
        using JsonDocument document = JsonDocument.Parse(schema);
        JsonElement root = document.RootElement;
        Assert.Equal("urn:prom:topic:process.state.snapshot:v1", root.GetProperty("$id").GetString());
        JsonElement properties = root.GetProperty("properties");
        Assert.Equal(
            new[] { "id", "note", "state", "at", "exit_code", "alive", "cost", "load", "delta", "port", "tick", "previous", "retries" },
            properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("uuid", properties.GetProperty("id").GetProperty("format").GetString());
        Assert.Equal("[\"string\",\"null\"]", properties.GetProperty("note").GetProperty("type").GetRawText());
        Assert.Equal("{\"title\":\"Health\",\"type\":\"string\",\"enum\":[\"Unknown\",\"Ok\",\"Degraded\"]}", properties.GetProperty("state").GetRawText());
        Assert.Equal("[\"Unknown\",\"Ok\",\"Degraded\",null]", properties.GetProperty("previous").GetProperty("enum").GetRawText());
        Assert.Equal(
            new[] { "id", "state", "at", "alive", "cost", "load", "delta", "port", "tick" },
            root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }
}
