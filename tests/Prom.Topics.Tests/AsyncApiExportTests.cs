using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class AsyncApiExportTests
{
    private static JsonElement Export(IEnumerable<TopicDescriptor> topics)
    {
        using JsonDocument document = JsonDocument.Parse(AsyncApiExport.ToJson(topics, "ops", "1.0.0"));
        return document.RootElement.Clone();
    }

    // Resolves a local "#/a/b" reference (no escaping needed: our keys have no '/' or '~').
    private static JsonElement Resolve(JsonElement root, string reference)
    {
        Assert.StartsWith("#/", reference);
        JsonElement current = root;
        foreach (string part in reference.Substring(2).Split('/'))
        {
            Assert.True(current.TryGetProperty(part, out current), $"'{reference}' does not resolve at '{part}'");
        }
        return current;
    }

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "$ref" ? new[] { p.Value.GetString()! } : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => Enumerable.Empty<string>(),
    };

    [Fact]
    public void AssemblyTopics_BecomeChannelsOperationsAndMessagesWithTheirSchemas()
    {
        JsonElement root = Export(Prom.Generated.PromTopics.Descriptors);
        Assert.Equal("3.0.0", root.GetProperty("asyncapi").GetString());
        Assert.Equal(new[] { "heartbeat.received", "host.report", "job.finished", "ping.sent" }, root.GetProperty("channels").EnumerateObject().Select(c => c.Name));
        Assert.Equal("ping.sent", root.GetProperty("channels").GetProperty("ping.sent").GetProperty("address").GetString());
        Assert.Equal(
            new[] { "send.heartbeat.received", "receive.heartbeat.received", "send.host.report", "receive.host.report", "send.job.finished", "receive.job.finished", "send.ping.sent", "receive.ping.sent" },
            root.GetProperty("operations").EnumerateObject().Select(o => o.Name));

        JsonElement ping = root.GetProperty("components").GetProperty("messages").GetProperty("ping.sent.v2");
        Assert.Equal("Ping", ping.GetProperty("name").GetString());
        Assert.Equal("2", ping.GetProperty("headers").GetProperty("properties").GetProperty("x-schema-version").GetProperty("const").GetString());
        Assert.Equal(PingTopic.JsonSchema, ping.GetProperty("payload").GetRawText());
        Assert.Equal("Source", ping.GetProperty("x-prom").GetProperty("keyMember").GetString());
        Assert.Equal(3, ping.GetProperty("x-prom").GetProperty("partitions").GetInt32());

        foreach (string reference in References(root)) Resolve(root, reference);
        // 6 channel messages (heartbeat v1-v3, host, job, ping); 8 operations with one channel each and 3+3+1+1+1+1+1+1 messages.
        Assert.Equal(6 + 8 + 12, References(root).Count());
    }

    [Fact]
    public void TwoVersionsOfOneTopic_ShareOneChannel()
    {
        TopicDescriptor v2 = PingTopic.Descriptor;
        TopicDescriptor v1 = v2 with { Version = 1, PayloadType = typeof(string) };
        JsonElement root = Export(new[] { v2, v1 });
        Assert.Equal(new[] { "v1", "v2" }, root.GetProperty("channels").GetProperty("ping.sent").GetProperty("messages").EnumerateObject().Select(m => m.Name));
        Assert.Equal(2, root.GetProperty("operations").GetProperty("receive.ping.sent").GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public void SameTopicVersionTwice_IsRejectedNamingBothTypes()
    {
        TopicDescriptor twin = PingTopic.Descriptor with { PayloadType = typeof(string) };
        ArgumentException error = Assert.Throws<ArgumentException>(() => AsyncApiExport.ToJson(new[] { PingTopic.Descriptor, twin }, "ops", "1"));
        Assert.Contains("Topic 'ping.sent' version 2 is described twice (Ping, String)", error.Message);
    }
}
