using System;
using Prom.Topics.Registry;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class TopicSchemaRegistryTests
{
    // Schemas in the generator's shape: properties with types, and the required list.
    private const string V1 = """{"type":"object","properties":{"pid":{"type":"integer"},"name":{"type":"string"},"mem_mb":{"type":"integer"}},"required":["pid","name","mem_mb"]}""";
    private const string V2Optional = """{"type":"object","properties":{"pid":{"type":"integer"},"name":{"type":"string"},"mem_mb":{"type":"integer"},"host":{"type":["string","null"]}},"required":["pid","name","mem_mb"]}""";
    private const string V2Required = """{"type":"object","properties":{"pid":{"type":"integer"},"name":{"type":"string"},"mem_mb":{"type":"integer"},"host":{"type":"string"}},"required":["pid","name","mem_mb","host"]}""";
    private const string V2Retyped = """{"type":"object","properties":{"pid":{"type":"string"},"name":{"type":"string"},"mem_mb":{"type":"integer"}},"required":["pid","name","mem_mb"]}""";
    private const string V2Removed = """{"type":"object","properties":{"pid":{"type":"integer"},"name":{"type":"string"}},"required":["pid","name"]}""";

    private static TopicDescriptor Topic(int version, string schema, Compatibility compatibility = Compatibility.Backward) =>
        new("heartbeat.received", version, compatibility, 0, 0, false, null, typeof(TopicSchemaRegistryTests), schema);

    private static string Refused(TopicSchemaRegistry registry, TopicDescriptor descriptor) =>
        Assert.Throws<TopicSchemaException>(() => registry.Register(descriptor)).Message;

    // Enums as the generator writes them: a string schema with the wire names (null included when nullable).
    private static string Levels(string names, string items = "\"Low\"") =>
        "{\"type\":\"object\",\"properties\":{\"level\":{\"type\":[\"string\",\"null\"],\"enum\":[" + names + ",null]}," +
        "\"seen\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[" + items + "]}}},\"required\":[\"seen\"]}";

    private const string UnknownSuffix = "(an enum member removed or renamed; keep a renamed member's wire name with [JsonStringEnumMemberName])";

    [Fact]
    public void AddingAnEnumMember_IsBackwardButNotForwardCompatible()
    {
        var backward = new TopicSchemaRegistry();
        backward.RegisterAll(new[] { Topic(1, Levels("\"Low\",\"High\"")), Topic(2, Levels("\"Low\",\"High\",\"Critical\"")) });

        var forward = new TopicSchemaRegistry();
        forward.Register(Topic(1, Levels("\"Low\",\"High\"")));
        Assert.Equal(
            $"Topic 'heartbeat.received' version 2 ('TopicSchemaRegistryTests') breaks Forward compatibility: forward: field 'level' may hold 'Critical' in v2, which v1 does not know {UnknownSuffix}.",
            Refused(forward, Topic(2, Levels("\"Low\",\"High\",\"Critical\""), Compatibility.Forward)));
    }

    [Fact]
    public void RemovingOrRenamingAnEnumMember_BreaksBackward_InMembersAndItems()
    {
        var registry = new TopicSchemaRegistry();
        registry.Register(Topic(1, Levels("\"Low\",\"High\"", "\"Low\",\"High\"")));
        string message = Refused(registry, Topic(2, Levels("\"Low\",\"Urgent\"", "\"Low\"")));
        Assert.Contains($"backward: field 'level' may hold 'High' in v1, which v2 does not know {UnknownSuffix}", message);
        Assert.Contains("backward: field 'seen[]' may hold 'High' in v1, which v2 does not know", message);
    }

    [Fact]
    public void PlainStringReadAsAnEnum_BreaksBackward_AndAnEnumReadAsAStringDoesNot()
    {
        const string plain = """{"type":"object","properties":{"level":{"type":["string","null"]},"seen":{"type":"array","items":{"type":"string"}}},"required":["seen"]}""";
        var registry = new TopicSchemaRegistry();
        registry.RegisterAll(new[] { Topic(1, Levels("\"Low\"")), Topic(2, plain) });
        Assert.Contains("backward: field 'level' is any string in v2 but an enum in v3, which reads only its member names", Refused(registry, Topic(3, Levels("\"Low\""))));
    }

    [Fact]
    public void RegisteringV1Twice_Fails()
    {
        var registry = new TopicSchemaRegistry();
        registry.Register(Topic(1, V1));
        Assert.Equal("Topic 'heartbeat.received' version 1 is already registered (by 'TopicSchemaRegistryTests').", Refused(registry, Topic(1, V1)));
    }

    [Fact]
    public void NonIncreasingVersion_Fails()
    {
        var registry = new TopicSchemaRegistry();
        registry.Register(Topic(3, V1));
        Assert.Contains("versions must increase: version 3 is registered, version 2 comes too late", Refused(registry, Topic(2, V1)));
    }

    [Fact]
    public void AddingAnOptionalField_IsBackwardCompatible()
    {
        var registry = new TopicSchemaRegistry();
        registry.RegisterAll(new[] { Topic(2, V2Optional), Topic(1, V1) });
        Assert.Equal(2, registry.Latest("heartbeat.received")!.Version);
        Assert.NotNull(registry.Find("heartbeat.received", 1));
    }

    [Fact]
    public void AddingARequiredField_BreaksBackwardNamingTheFieldAndRule()
    {
        var registry = new TopicSchemaRegistry();
        registry.Register(Topic(1, V1));
        Assert.Equal(
            "Topic 'heartbeat.received' version 2 ('TopicSchemaRegistryTests') breaks Backward compatibility: backward: field 'host' is required in v2 but does not exist in v1.",
            Refused(registry, Topic(2, V2Required)));
        Assert.Null(registry.Find("heartbeat.received", 2));
    }

    [Fact]
    public void ChangingAFieldType_BreaksBackward()
    {
        var registry = new TopicSchemaRegistry();
        registry.Register(Topic(1, V1));
        Assert.Contains("backward: field 'pid' changes type from integer in v1 to string in v2", Refused(registry, Topic(2, V2Retyped)));
    }

    [Fact]
    public void RemovingARequiredField_BreaksForwardButNotBackward()
    {
        var forward = new TopicSchemaRegistry();
        forward.Register(Topic(1, V1));
        Assert.Contains("forward: field 'mem_mb' is required in v1 but does not exist in v2", Refused(forward, Topic(2, V2Removed, Compatibility.Forward)));

        var backward = new TopicSchemaRegistry();
        backward.Register(Topic(1, V1));
        backward.Register(Topic(2, V2Removed, Compatibility.Backward));
    }

    [Fact]
    public void Full_ChecksBothDirectionsAndNoneChecksNothing()
    {
        var full = new TopicSchemaRegistry();
        full.Register(Topic(1, V1));
        Assert.Contains("forward: field 'mem_mb'", Refused(full, Topic(2, V2Removed, Compatibility.Full)));

        var none = new TopicSchemaRegistry();
        none.Register(Topic(1, V1));
        none.Register(Topic(2, V2Retyped, Compatibility.None));
    }

    [Fact]
    public void TransitiveModes_CheckEveryEarlierVersion()
    {
        // v2 adds a required 'tag' (allowed: its mode is None) and v3 keeps it. Backward against v2 alone holds;
        // BackwardTransitive also checks v1, which has no 'tag'.
        const string v1 = """{"type":"object","properties":{"pid":{"type":"integer"}},"required":["pid"]}""";
        const string v2 = """{"type":"object","properties":{"pid":{"type":"integer"},"tag":{"type":"string"}},"required":["pid","tag"]}""";
        const string v3 = """{"type":"object","properties":{"pid":{"type":"integer"},"tag":{"type":"string"}},"required":["pid","tag"]}""";

        var plain = new TopicSchemaRegistry();
        plain.Register(Topic(1, v1, Compatibility.None));
        plain.Register(Topic(2, v2, Compatibility.None));
        plain.Register(Topic(3, v3, Compatibility.Backward)); // v2 → v3 is fine

        var transitive = new TopicSchemaRegistry();
        transitive.Register(Topic(1, v1, Compatibility.None));
        transitive.Register(Topic(2, v2, Compatibility.None));
        Assert.Contains("backward: field 'tag' is required in v3 but does not exist in v1", Refused(transitive, Topic(3, v3, Compatibility.BackwardTransitive)));
    }

    [Fact]
    public void GeneratedSchemas_RegisterAtStartup()
    {
        var registry = new TopicSchemaRegistry();
        registry.RegisterAll(Prom.Generated.PromTopics.Descriptors);
        Assert.Same(PingTopic.Descriptor, registry.Latest("ping.sent"));
        Assert.Throws<TopicSchemaException>(() => registry.Register(PingTopic.Descriptor));
    }

    [Fact]
    public void MalformedSchema_IsRefusedNamingTheTopic()
    {
        var registry = new TopicSchemaRegistry();
        Assert.Contains("The schema of topic 'heartbeat.received' version 1 is not an object schema", Refused(registry, Topic(1, "[1,2]")));
    }

    [Fact]
    public void NestedObjectsAndArrayItems_AreComparedFieldByField()
    {
        // The generated schemas of nested payloads: HostReport v1 → a v2 whose nested object and array items each gain
        // a required field, and whose new optional object brings required fields of its own (that is fine).
        string v1 = HostReportTopic.JsonSchema;
        string v2 = v1
            .Replace("\"properties\":{\"pid\"", "\"properties\":{\"zone\":{\"type\":\"string\"},\"pid\"")
            .Replace("\"required\":[\"pid\",\"name\",\"stage\"]", "\"required\":[\"zone\",\"pid\",\"name\",\"stage\"]")
            .Replace("\"properties\":{\"host\"", "\"properties\":{\"extra\":{\"type\":[\"object\",\"null\"],\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]},\"host\"");
        var registry = new TopicSchemaRegistry();
        registry.Register(HostReportTopic.Descriptor);
        string message = Refused(registry, HostReportTopic.Descriptor with { Version = 2, JsonSchema = v2 });
        Assert.Contains("backward: field 'leader.zone' is required in v2 but does not exist in v1", message);
        Assert.Contains("field 'processes[].zone' is required in v2 but does not exist in v1", message);
        Assert.DoesNotContain("extra.id", message); // its parent is new and optional: old records simply lack it
        Assert.Contains("field 'standby.zone'", message); // nullable in both, but when present it must have zone
    }

    [Fact]
    public void ChangedArrayItemType_IsABreakingChange()
    {
        string v2 = HostReportTopic.JsonSchema.Replace("\"ports\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"", "\"ports\":{\"type\":\"array\",\"items\":{\"type\":\"string\"");
        Assert.NotEqual(HostReportTopic.JsonSchema, v2);
        var registry = new TopicSchemaRegistry();
        registry.Register(HostReportTopic.Descriptor);
        Assert.Contains("field 'ports[]' changes type from integer in v1 to string in v2", Refused(registry, HostReportTopic.Descriptor with { Version = 2, JsonSchema = v2 }));
    }
}
