using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Security;
using Prom.Generated;
using Xunit;

namespace Prom.Topics.Gateway.Tests;

/// <summary>The policy on its own, over the Fleet topics' generated codecs.</summary>
public sealed class TopicSchemaPayloadPolicyTests
{
    private static readonly GatewayPrincipal s_principal = new("test", new[] { "publish:*" });

    private static TopicSchemaPayloadPolicy Policy() => new(
        new ITopicPayloadCodec[]
        {
            new TopicPayloadCodec<Fleet.HostReportV1>(Fleet.HostReportV1Topic.Codec),
            new TopicPayloadCodec<Fleet.HostReportV2>(Fleet.HostReportV2Topic.Codec),
            new TopicPayloadCodec<Fleet.Alert>(Fleet.AlertTopic.Codec),
        },
        PromTopics.CreateSchemaRegistry());

    private static PublishRequest Publish(string json, string? version, string topic = "fleet.host.report") =>
        new(topic, Encoding.UTF8.GetBytes(json)) { Headers = version is null ? null : new Dictionary<string, string> { ["x-schema-version"] = version } };

    [Theory]
    [InlineData(FleetSamples.V1, "1")]
    [InlineData(FleetSamples.V2, "2")]
    public async Task ValidPayloadOfItsVersion_IsAccepted(string json, string version)
    {
        Assert.Null(await Policy().CheckPublishAsync(Publish(json, version), s_principal, CancellationToken.None));
    }

    [Fact]
    public async Task V1PayloadLabelledV2_IsRejectedNamingTheMissingMember()
    {
        PayloadRejection? rejection = await Policy().CheckPublishAsync(Publish(FleetSamples.V1, "2"), s_principal, CancellationToken.None);
        Assert.NotNull(rejection);
        Assert.Equal("payload.mem_mib", rejection.Field);
        Assert.Contains("MemMib", rejection.Message);
    }

    [Fact]
    public async Task EveryInvalidPayload_IsRejectedWithItsField()
    {
        TopicSchemaPayloadPolicy policy = Policy();
        foreach ((string json, string field) in FleetSamples.Invalid)
        {
            PayloadRejection? rejection = await policy.CheckPublishAsync(Publish(json, "2"), s_principal, CancellationToken.None);
            Assert.True(rejection is not null, $"accepted: {json}");
            Assert.Equal(field, rejection.Field);
        }
    }

    [Theory]
    [InlineData(null, "must name its schema version")]
    [InlineData("3", "has no schema version '3'")]
    [InlineData("two", "has no schema version 'two'")]
    public async Task MissingOrUnknownVersion_IsRejectedNamingTheHeader(string? version, string message)
    {
        PayloadRejection? rejection = await Policy().CheckPublishAsync(Publish(FleetSamples.V2, version), s_principal, CancellationToken.None);
        Assert.NotNull(rejection);
        Assert.Equal("headers.x-schema-version", rejection.Field);
        Assert.Contains(message, rejection.Message);
        Assert.Contains("versions 1, 2", rejection.Message);
    }

    [Fact]
    public async Task UndeclaredTopic_PassesUnchecked()
    {
        Assert.Null(await Policy().CheckPublishAsync(Publish("[1,2]", null, "adhoc.metrics"), s_principal, CancellationToken.None));
    }

    [Fact]
    public async Task V1Record_ForAV2Subscriber_IsUpcastWithTheHeaders()
    {
        EventRecord stored = Record(FleetSamples.V1, "1");
        EventRecord shaped = await Policy().ShapeDeliveryAsync(stored, "ops", 2, CancellationToken.None);

        Assert.Equal("2", shaped.Headers["x-schema-version"]);
        Assert.Equal("1", shaped.Headers["x-upcasted-from"]);
        Assert.Equal("trace-1", shaped.Headers["x-trace-id"]);
        Assert.Equal((stored.Id, stored.Offset, stored.Key), (shaped.Id, shaped.Offset, shaped.Key));
        JsonObject payload = JsonNode.Parse(shaped.Payload.Span)!.AsObject();
        Assert.Equal(FleetSamples.V1MemMib, (long)payload["mem_mib"]!);
        Assert.False(payload.ContainsKey("mem_mb"));
        Assert.Equal("nginx", (string)payload["top"]!["name"]!);
        Fleet.HostReportV2 read = Fleet.HostReportV2Topic.Deserialize(shaped.Payload.Span); // what the C# side reads
        Assert.Equal(2, read.Disks.Count);
    }

    [Fact]
    public async Task RecordOfTheAskedVersion_IsSentUnchanged()
    {
        EventRecord stored = Record(FleetSamples.V2, "2");
        Assert.Same(stored, await Policy().ShapeDeliveryAsync(stored, "ops", 2, CancellationToken.None));
    }

    [Fact]
    public async Task LegacyRecordWithEnumNumbers_IsDeliveredWithNames_ToASubscriberOfItsVersion()
    {
        EventRecord stored = Record(FleetSamples.V2.Replace("\"health\":\"Down\"", "\"health\":-1", StringComparison.Ordinal), "2");
        EventRecord shaped = await Policy().ShapeDeliveryAsync(stored, "ops", 2, CancellationToken.None);

        Assert.NotSame(stored, shaped);
        JsonObject payload = JsonNode.Parse(shaped.Payload.Span)!.AsObject();
        Assert.Equal("Down", (string)payload["health"]!);
        Assert.Equal("db-2", (string)payload["host"]!);
        Assert.Equal("2", shaped.Headers["x-schema-version"]);
        Assert.False(shaped.Headers.ContainsKey("x-upcasted-from"));
        Assert.Equal((stored.Id, stored.Offset), (shaped.Id, shaped.Offset));
    }

    [Fact]
    public async Task LegacyV1RecordWithEnumNumbers_IsUpcastWithNames()
    {
        string legacy = FleetSamples.V1.Replace("\"health\":\"Ok\"", "\"health\":1", StringComparison.Ordinal)
            .Replace("\"health\":\"Degraded\"", "\"health\":2", StringComparison.Ordinal);
        EventRecord shaped = await Policy().ShapeDeliveryAsync(Record(legacy, "1"), "ops", 2, CancellationToken.None);
        JsonObject payload = JsonNode.Parse(shaped.Payload.Span)!.AsObject();
        Assert.Equal("Ok", (string)payload["health"]!);
        Assert.Equal("Degraded", (string)payload["top"]!["health"]!);
    }

    [Fact]
    public async Task LegacyRecordWithAnUndefinedEnumNumber_Throws_SoTheGatewayNacksIt()
    {
        EventRecord stored = Record(FleetSamples.V2.Replace("\"health\":\"Down\"", "\"health\":7", StringComparison.Ordinal), "2");
        TopicPayloadException error = await Assert.ThrowsAsync<TopicPayloadException>(async () =>
            await Policy().ShapeDeliveryAsync(stored, "ops", 2, CancellationToken.None));
        Assert.Equal("health", error.JsonName);
        Assert.Contains("is 7, which is not a defined member of Health", error.Message);
    }

    [Fact]
    public async Task PublishWithAnEnumNumber_IsRejected_ThoughAStoredRecordMayHoldOne()
    {
        string numbered = FleetSamples.V2.Replace("\"health\":\"Down\"", "\"health\":-1", StringComparison.Ordinal);
        PayloadRejection? rejection = await Policy().CheckPublishAsync(Publish(numbered, "2"), s_principal, CancellationToken.None);
        Assert.NotNull(rejection);
        Assert.Equal("payload.health", rejection.Field);
        Assert.Contains("must be one of 'Down', 'Unknown', 'Ok', 'Degraded'", rejection.Message);
    }

    [Fact]
    public async Task V2Record_ForAV1Subscriber_Throws_SoTheGatewayNacksIt()
    {
        // v2 is Compat = None: a v1 reader cannot read it, and the reason says so.
        TopicPayloadException error = await Assert.ThrowsAsync<TopicPayloadException>(async () =>
            await Policy().ShapeDeliveryAsync(Record(FleetSamples.V2, "2"), "legacy", 1, CancellationToken.None));
        Assert.Contains("fleet.host.report", error.Message);
    }

    private static EventRecord Record(string json, string version) => new(
        "0190f0a0-3333-7000-8000-000000000003", 1, "fleet.host.report", "web-1", 0, 1,
        new Dictionary<string, string> { ["x-schema-version"] = version, ["x-trace-id"] = "trace-1" },
        Encoding.UTF8.GetBytes(json), null, [], []);
}
