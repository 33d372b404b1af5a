using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class NestedPayloadTests
{
    // Enums as their names: the generated codec's wire form, which JsonStringEnumConverter also writes.
    private static readonly JsonSerializerOptions s_stj = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static HostReport Report() => new(
        "node-1",
        new ProcessInfo(1, "leader", Stage.Busy, 0.5),
        null,
        new[] { new ProcessInfo(2, "a \"quoted\" ü", Stage.Idle), new ProcessInfo(3, "b", Stage.Busy, 1.25) },
        new[] { 80, 443 },
        new List<string?> { "x", null, "z" },
        new[] { new Sample(1, 0.5), new Sample(2, -3) },
        new List<Sample?> { null, new Sample(3, 4) });

    [Fact]
    public void NestedObjectsAndCollections_AreWrittenExactlyAsSystemTextJsonWritesThem()
    {
        Assert.Equal(JsonSerializer.Serialize(Report(), s_stj), Encoding.UTF8.GetString(HostReportTopic.Serialize(Report())));
        HostReport empty = Report() with { Processes = Array.Empty<ProcessInfo>(), Ports = Array.Empty<int>(), Tags = new List<string?>(), Samples = null, Gaps = null };
        Assert.Equal(JsonSerializer.Serialize(empty, s_stj), Encoding.UTF8.GetString(HostReportTopic.Serialize(empty)));
    }

    [Fact]
    public void NestedObjectsAndCollections_ReadBackToTheSameJson()
    {
        byte[] stjBytes = JsonSerializer.SerializeToUtf8Bytes(Report(), s_stj);
        HostReport read = HostReportTopic.Deserialize(stjBytes);
        Assert.Equal(Encoding.UTF8.GetString(stjBytes), JsonSerializer.Serialize(read, s_stj));
        Assert.IsType<int[]>(read.Ports);
        Assert.Null(read.Standby);
        Assert.Equal(new Sample(3, 4), read.Gaps![1]);
    }

    [Theory]
    [InlineData("processes-null-item", "Member 'Processes' (JSON 'processes') of payload 'HostReport' on topic 'host.report' has null at index 1.")]
    [InlineData("leader-null-name", "Member 'Name' (JSON 'name') of payload 'ProcessInfo' on topic 'host.report' is required but null.")]
    [InlineData("nested-nan", "Member 'Load' (JSON 'load') of payload 'ProcessInfo' on topic 'host.report' is NaN, which JSON cannot carry; use a finite number.")]
    [InlineData("sample-infinity", "Member 'Samples' (JSON 'samples') of payload 'HostReport' on topic 'host.report' has null at index")]
    [InlineData("ports-null", "Member 'Ports' (JSON 'ports') of payload 'HostReport' on topic 'host.report' is required but null.")]
    public void InvalidNestedValues_AreRejectedOnSerializeNamingTheMember(string which, string expected)
    {
        HostReport report = which switch
        {
            "processes-null-item" => Report() with { Processes = new[] { new ProcessInfo(2, "a", Stage.Idle), null! } },
            "leader-null-name" => Report() with { Leader = new ProcessInfo(1, null!, Stage.Busy) },
            "nested-nan" => Report() with { Processes = new[] { new ProcessInfo(2, "a", Stage.Idle, double.NaN) } },
            "sample-infinity" => Report(),
            _ => Report() with { Ports = null! },
        };
        if (which == "sample-infinity")
        {
            // Struct elements cannot be null; their double must still be finite.
            report = Report() with { Samples = new[] { new Sample(1, double.PositiveInfinity) } };
            expected = "Member 'Value' (JSON 'value') of payload 'Sample' on topic 'host.report' is ∞, which JSON cannot carry; use a finite number.";
        }
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => HostReportTopic.Serialize(report));
        Assert.StartsWith(expected.Replace("∞", double.PositiveInfinity.ToString()), error.Message);
    }

    [Theory]
    [InlineData("{\"host\":\"h\",\"leader\":{\"pid\":1,\"stage\":\"Idle\"},\"standby\":null,\"processes\":[],\"ports\":[],\"tags\":[]}",
        "Member 'Name' (JSON 'name') of payload 'ProcessInfo' on topic 'host.report' is required but missing.")]
    [InlineData("{\"host\":\"h\",\"leader\":{\"pid\":1,\"name\":\"n\",\"stage\":\"Idle\"},\"standby\":null,\"processes\":{},\"ports\":[],\"tags\":[]}",
        "Member 'Processes' (JSON 'processes') of payload 'HostReport' on topic 'host.report' must be a JSON array, found StartObject.")]
    [InlineData("{\"host\":\"h\",\"leader\":{\"pid\":1,\"name\":\"n\",\"stage\":\"Idle\"},\"standby\":null,\"processes\":[],\"ports\":[1,\"x\"],\"tags\":[]}",
        "Member 'Ports' (JSON 'ports') of payload 'HostReport' on topic 'host.report' must be a 32-bit integer, found String x.")]
    [InlineData("{\"host\":\"h\",\"leader\":7,\"standby\":null,\"processes\":[],\"ports\":[],\"tags\":[]}",
        "Member 'Leader' (JSON 'leader') of payload 'HostReport' on topic 'host.report' must be a JSON object, found Number 7.")]
    [InlineData("{\"host\":\"h\",\"leader\":null,\"standby\":null,\"processes\":[],\"ports\":[],\"tags\":[]}",
        "Member 'Leader' (JSON 'leader') of payload 'HostReport' on topic 'host.report' is required but null.")]
    public void InvalidNestedJson_IsRejectedNamingTheMember(string json, string expected)
    {
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => HostReportTopic.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void JsonSchema_DescribesNestedObjectsAndArrays()
    {
        JsonNode schema = JsonNode.Parse(HostReportTopic.JsonSchema)!;
        JsonNode properties = schema["properties"]!;
        Assert.Equal("object", properties["leader"]!["type"]!.GetValue<string>());
        Assert.Equal("[\"pid\",\"name\",\"stage\"]", properties["leader"]!["required"]!.ToJsonString());
        Assert.Equal("[\"object\",\"null\"]", properties["standby"]!["type"]!.ToJsonString());
        Assert.Equal("array", properties["processes"]!["type"]!.GetValue<string>());
        Assert.Equal("ProcessInfo", properties["processes"]!["items"]!["title"]!.GetValue<string>());
        Assert.Equal("[\"string\",\"null\"]", properties["tags"]!["items"]!["type"]!.ToJsonString());
        Assert.Equal("[\"object\",\"null\"]", properties["gaps"]!["items"]!["type"]!.ToJsonString());
        Assert.Equal("[\"host\",\"leader\",\"processes\",\"ports\",\"tags\"]", schema["required"]!.ToJsonString());
    }
}
