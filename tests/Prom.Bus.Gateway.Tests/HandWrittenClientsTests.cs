using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Prom.Testing;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// The protocol is usable from other languages: a Node.js client (npm <c>ws</c>) and a Python client (Debian
/// python3-websockets), each written by hand from docs/gateway.md (HandWritten/), run AUTH → SUBSCRIBE → PUBLISH → EVENT
/// → NACK → EVENT (attempt 2) → ACK against a real Kestrel on 127.0.0.1. What they report is checked against the store.
/// A missing node, ws package or websockets module fails the test with the install step.
/// </summary>
public sealed class HandWrittenClientsTests
{
    private static string Script(string name) => Path.Combine(RepositoryLayout.Root(), "tests", "Prom.Bus.Gateway.Tests", "HandWritten", name);

    [Fact]
    public async Task NodeClient_WrittenFromTheDocs_PublishesConsumesNacksAndAcks()
    {
        string modules = Path.Combine(Toolchain.NodeFolder, "node_modules");
        Assert.True(File.Exists(Path.Combine(modules, "ws", "package.json")),
            $"The npm package ws is missing in {modules}: run scripts/install-deps.sh (scripts/deps.d/40-clients.sh runs npm ci there).");
        await RunAndCheckAsync("node", Script("prom-bus-by-hand.js"), "node", new Dictionary<string, string> { ["NODE_PATH"] = modules });
    }

    [Fact]
    public async Task PythonClient_WrittenFromTheDocs_PublishesConsumesNacksAndAcks()
    {
        string python = Toolchain.Python;
        (int hasWebsockets, string why) = await Toolchain.RunAsync(python, ["-c", "import websockets"], Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Assert.True(hasWebsockets == 0, $"{python} cannot import websockets: run scripts/install-deps.sh (Debian package python3-websockets). {why}");
        await RunAndCheckAsync(python, Script("prom_bus_by_hand.py"), "python", environment: null);
    }

    private static async Task RunAndCheckAsync(string program, string script, string lang, IDictionary<string, string>? environment)
    {
        await using GatewayHost host = await GatewayHost.StartAsync();
        string topic = $"polyglot.{lang}.v1", group = $"by-hand-{lang}";
        (int exit, string output) = await Toolchain.RunAsync(program, [script, host.WebSocketUri.ToString(), GatewayHost.Token, topic, group],
            Path.GetTempPath(), TimeSpan.FromSeconds(90), environment);
        Assert.True(exit == 0, $"{program} {Path.GetFileName(script)} failed ({exit}): {output}");

        using JsonDocument report = JsonDocument.Parse(output.Trim().Split('\n').Last());
        JsonElement r = report.RootElement;
        Assert.Equal([1, 2], r.GetProperty("attempts").EnumerateArray().Select(a => a.GetInt32()));
        Assert.Equal("released", r.GetProperty("nack").GetString());
        Assert.Equal("settled", r.GetProperty("ack").GetString());
        Assert.Equal("unknown_delivery", r.GetProperty("second_ack").GetString());

        // What the client was told is what the server stored: the one record, with its payload and header, and settled.
        var stored = new List<EventRecord>();
        await foreach (EventRecord record in host.Bus.ReplayAsync(topic, StartPosition.Earliest))
        {
            stored.Add(record);
        }

        EventRecord only = Assert.Single(stored);
        Assert.Equal(r.GetProperty("id").GetString(), only.Id);
        Assert.Equal(r.GetProperty("offset").GetInt64(), only.Offset);
        Assert.Equal(r.GetProperty("partition").GetInt32(), only.Partition);
        Assert.Equal(lang, only.Headers["x-client"]);
        using JsonDocument payload = JsonDocument.Parse(only.Payload);
        Assert.Equal(lang, payload.RootElement.GetProperty("lang").GetString());
        Assert.Equal("héllo", payload.RootElement.GetProperty("text").GetString());
        GroupPartitionState state = (await host.Bus.GetGroupStateAsync(topic, group)).Single(p => p.Partition == only.Partition);
        Assert.Equal(only.Offset, state.Watermark);
    }
}
