using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Testing.Network;
using Xunit;

namespace Prom.Topics.Gateway.Tests;

/// <summary>
/// The emitted TypeScript and Python clients behind a relay the test cuts while they publish and consume: they
/// reconnect, resubscribe, resend a publish whose OK was lost with the same record id (stored once), and every record
/// reaches their subscription.
/// </summary>
public sealed class ClientReconnectTests
{
    private const int Records = 30;
    private const int Cuts = 3;

    [Fact]
    public Task TypeScriptClient_SurvivesCuts_StoresEachPublishOnce_AndReceivesEveryRecord() =>
        SurvivesCutsAsync((url, spec) => EmittedClients.NodeAsync("reconnect", url, TopicGatewayHost.Token, spec));

    [Fact]
    public Task PythonClient_SurvivesCuts_StoresEachPublishOnce_AndReceivesEveryRecord() =>
        SurvivesCutsAsync((url, spec) => EmittedClients.PythonAsync("reconnect", url, TopicGatewayHost.Token, spec));

    private static async Task SurvivesCutsAsync(Func<Uri, string, Task<JsonNode>> run)
    {
        await using TopicGatewayHost host = await TopicGatewayHost.StartAsync();
        await using var relay = new CuttableProxy(host.Port);
        string spec = new JsonObject { ["count"] = Records, ["base"] = JsonNode.Parse(FleetSamples.V2) }.ToJsonString();

        Task<JsonNode> client = run(relay.WebSocketUri, spec);
        // Each cut first holds the gateway's replies, so the publishes sent meanwhile are stored but their OKs are lost:
        // the client must resend them with their ids. Bounded: at most 600 rounds of 50 ms while waiting for a connection.
        for (int round = 0; relay.Cuts < Cuts && !client.IsCompleted && round < 600; round++)
        {
            await Task.Delay(50);
            if (round % 10 == 9)
            {
                relay.HoldReplies();
                await Task.Delay(150);
                relay.Cut();
            }
        }

        JsonNode result = await client;
        Assert.True(relay.Cuts == Cuts, $"the client finished after {relay.Cuts} of {Cuts} cuts: {result.ToJsonString()}");

        string[] ids = result["ids"]!.AsArray().Select(id => (string)id!).ToArray();
        Assert.Equal(Records, ids.Distinct().Count());
        List<string> stored = await StoredIdsAsync(host.Bus);
        Assert.Equal(ids.Order(), stored.Order()); // each publish stored exactly once, resends included

        string[] received = result["received"]!.AsArray().Select(h => (string)h!).ToArray();
        Assert.Equal(Enumerable.Range(0, Records).Select(i => $"r{i}").Order(), received.Order());
        Assert.True((int)result["deliveries"]! >= Records);
    }

    private static async Task<List<string>> StoredIdsAsync(EventBus bus)
    {
        using var export = new MemoryStream();
        await bus.ExportNdjsonAsync("fleet.host.report", export, StartPosition.Earliest);
        return Encoding.UTF8.GetString(export.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (string)JsonNode.Parse(line)!["id"]!)
            .ToList();
    }
}
