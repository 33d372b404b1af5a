using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Xunit;

namespace Prom.Topics.Gateway.Tests;

/// <summary>
/// The emitted TypeScript and Python clients through a real gateway with the [Topic] policy, and a C# [Topic]
/// consumer on the same bus: one record, three languages, the same values.
/// </summary>
public sealed class CrossLanguageTests
{
    [Fact]
    public async Task TypeScriptPublishesV1_PythonConsumesV2UpcastOnTheServer_AndCSharpSeesTheSameValues()
    {
        await using TopicGatewayHost host = await TopicGatewayHost.StartAsync();

        JsonNode published = await EmittedClients.NodeAsync("publish-v1", host.Url, TopicGatewayHost.Token, FleetSamples.V1);
        Assert.Equal("fleet.host.report", (string)published["topic"]!);

        JsonNode python = await EmittedClients.PythonAsync("subscribe-v2", host.Url, TopicGatewayHost.Token, "py-v2");
        JsonNode payload = python["payload"]!;
        Assert.Equal("1", (string)python["headers"]!["x-upcasted-from"]!);
        Assert.Equal("2", (string)python["headers"]!["x-schema-version"]!);
        Assert.Equal(1, (int)python["writtenVersion"]!);

        // The C# consumer reads the stored v1 record through the generated upcaster chain.
        TopicClient<Fleet.HostReportV2> csharp = Fleet.HostReportV2Topic.CreateClient(host.Bus);
        await using TopicSubscription<Fleet.HostReportV2> subscription = await csharp.SubscribeAsync("csharp");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        TopicDelivery<Fleet.HostReportV2> delivery = await subscription.ReceiveAsync(cts.Token);
        await delivery.AckAsync();
        Fleet.HostReportV2 seen = delivery.Payload;

        Assert.Equal((string)published["id"]!, delivery.Record.Id);
        Assert.Equal(FleetSamples.V1MemMib, seen.MemMib);
        Assert.Equal(FleetSamples.V1MemMib, (long)payload["mem_mib"]!);
        Assert.Equal(seen.Host, (string)payload["host"]!);
        Assert.Equal(seen.Cpus, (int)payload["cpus"]!);
        Assert.Equal(seen.CpuPct, (double)payload["cpu_pct"]!);
        Assert.Equal(Fleet.Health.Ok, seen.Health);
        Assert.Equal("Ok", (string)payload["health"]!);
        Assert.Equal(seen.BootId, Guid.Parse((string)payload["boot_id"]!));
        Assert.Equal(seen.At, DateTimeOffset.Parse((string)payload["at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(seen.Disks.Select(d => (d.Mount, d.UsedPct, d.FreeMb)),
            payload["disks"]!.AsArray().Select(d => ((string)d!["mount"]!, (double)d["used_pct"]!, (long?)d["free_mb"])));
        Assert.Equal(seen.Top!.Args, payload["top"]!["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(Fleet.Health.Degraded, seen.Top.Health);
        Assert.Equal("Degraded", (string)payload["top"]!["health"]!);
    }

    [Fact]
    public async Task PythonPublishesV2_TypeScriptConsumesIt_Unchanged()
    {
        await using TopicGatewayHost host = await TopicGatewayHost.StartAsync();

        JsonNode published = await EmittedClients.PythonAsync("publish-v2", host.Url, TopicGatewayHost.Token, FleetSamples.V2);
        JsonNode node = await EmittedClients.NodeAsync("subscribe-v2", host.Url, TopicGatewayHost.Token, "ts-v2");

        Assert.False(node["headers"]!.AsObject().ContainsKey("x-upcasted-from"));
        Assert.Equal(2, (int)node["writtenVersion"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FleetSamples.V2), node["payload"]), node["payload"]!.ToJsonString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)published["id"]!);
    }

    [Fact]
    public async Task InvalidPayloads_FromTypeScriptAndPython_AreRejectedNamingTheField_AndNothingIsStored()
    {
        await using TopicGatewayHost host = await TopicGatewayHost.StartAsync();
        string invalid = new JsonArray(FleetSamples.Invalid.Select(i => JsonNode.Parse(i.Json)).ToArray()).ToJsonString();

        JsonArray fromNode = (await EmittedClients.NodeAsync("publish-invalid", host.Url, TopicGatewayHost.Token, invalid)).AsArray();
        JsonArray fromPython = (await EmittedClients.PythonAsync("publish-invalid", host.Url, TopicGatewayHost.Token, invalid)).AsArray();

        for (int i = 0; i < FleetSamples.Invalid.Length; i++)
        {
            foreach ((string language, JsonNode result) in new[] { ("TypeScript", fromNode[i]!), ("Python", fromPython[i]!) })
            {
                Assert.True((string?)result["code"] == "payload_rejected", $"{language} payload {i}: {result.ToJsonString()}");
                Assert.Equal(FleetSamples.Invalid[i].Field, (string)result["field"]!);
            }
        }
        Assert.Equal("PublishRejected", (string)fromPython[0]!["type"]!);

        using var export = new MemoryStream();
        Assert.Equal(0, await host.Bus.ExportNdjsonAsync("fleet.host.report", export, StartPosition.Earliest));
    }
}
