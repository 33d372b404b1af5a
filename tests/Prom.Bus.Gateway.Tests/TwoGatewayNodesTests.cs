using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Prom.Bus.Postgres;
using Prom.Bus.Stores;
using Prom.Testing.Postgres;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// Two gateway nodes — two real Kestrel servers on 127.0.0.1, each with its own <see cref="EventBus"/> and
/// <see cref="PostgresBusStore"/> (own pool and LISTEN connection) — on one PostgreSQL database and schema, as
/// docs/bus.md "Several hosts and gateway nodes" deploys them: a record published through node A is consumed by a
/// client of node B, and the clients of both nodes split one group's records (never one record to both).
/// </summary>
public sealed class TwoGatewayNodesTests : IAsyncLifetime
{
    private const string Topic = "orders.created";
    private const string Group = "billing";
    private readonly string _schema = PostgresTestDatabase.NewSchema();
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    private Task<GatewayHost> StartNodeAsync() => GatewayHost.StartAsync(
        services: s => s.AddSingleton<IBusStore>(_ => PostgresBusStore.Open(new PostgresBusStoreOptions
        {
            ConnectionString = PostgresTestDatabase.ConnectionString,
            Schema = _schema,
            MaxPoolSize = 10,
        })),
        bus: o => o.NotifiedPollInterval = TimeSpan.FromMinutes(10)); // across nodes only LISTEN/NOTIFY can wake within the test

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await PostgresTestDatabase.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task PublishOnNodeA_IsConsumedViaNodeB_AndBothNodesSplitOneGroup()
    {
        await using WireClient publisher = await _a.ConnectAsync();
        await using WireClient onB = await _b.ConnectAsync();
        (await onB.RequestAsync(new { op = "SUBSCRIBE", topic = Topic, group = Group, opts = new { from = "earliest", max_inflight = 1 } })).AssertOk();

        // Node B's only client gets what node A stored, woken by NOTIFY (the fallback poll is ten minutes away).
        string first = (await publisher.RequestAsync(new { op = "PUBLISH", topic = Topic, payload = new { n = 0 } })).AssertOk().Str("id");
        WireFrame viaB = await onB.NextEventAsync();
        Assert.Equal(first, viaB.Root.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal("settled", (await onB.RequestAsync(new { op = "ACK", topic = Topic, group = Group, id = first })).AssertOk().Str("outcome"));

        // A member on node A joins the group. With one open delivery each, holding one record on each node at the same
        // time proves the split; then both drain the rest.
        await using WireClient onA = await _a.ConnectAsync();
        (await onA.RequestAsync(new { op = "SUBSCRIBE", topic = Topic, group = Group, opts = new { max_inflight = 1 } })).AssertOk();
        var published = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 1; n <= 20; n++)
        {
            published.Add((await publisher.RequestAsync(new { op = "PUBLISH", topic = Topic, key = "k" + n, payload = new { n } })).AssertOk().Str("id"));
        }

        string heldOnA = (await onA.NextEventAsync()).Root.GetProperty("event").GetProperty("id").GetString()!;
        string heldOnB = (await onB.NextEventAsync()).Root.GetProperty("event").GetProperty("id").GetString()!;
        Assert.NotEqual(heldOnA, heldOnB);

        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [heldOnA] = "A", [heldOnB] = "B" };
        Task drainA = DrainAsync(onA, "A", heldOnA, seen, published.Count);
        Task drainB = DrainAsync(onB, "B", heldOnB, seen, published.Count);
        await Task.WhenAll(drainA, drainB);

        Assert.Equal(published, new HashSet<string>(seen.Keys, StringComparer.Ordinal));
        IReadOnlyList<GroupPartitionState> state = await _b.Bus.GetGroupStateAsync(Topic, Group);
        Assert.All(state, p => Assert.Equal(p.Head, p.Watermark)); // every record of the group settled, seen from node B
    }

    /// <summary>
    /// Acks <paramref name="held"/>, then takes and acks the client's next events until the two clients together saw every
    /// record (bounded: 30 s). Events are taken with <c>TryRead</c>, so a client never leaves a pending read behind that
    /// would swallow an event.
    /// </summary>
    private static async Task DrainAsync(WireClient client, string node, string held, Dictionary<string, string> seen, int total)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        string? id = held;
        while (true)
        {
            if (id is not null)
            {
                Assert.Equal("settled", (await client.RequestAsync(new { op = "ACK", topic = Topic, group = Group, id })).AssertOk().Str("outcome"));
                id = null;
            }

            lock (seen)
            {
                if (seen.Count == total)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"node {node}: the two nodes saw {seen.Count} of {total} records within 30 s");
            if (!client.Events.Reader.TryRead(out WireFrame? ev))
            {
                await Task.Delay(10);
                continue;
            }

            id = ev.Root.GetProperty("event").GetProperty("id").GetString()!;
            lock (seen)
            {
                Assert.False(seen.TryGetValue(id, out string? other), $"record {id} delivered on node {node} and on node {other}");
                seen[id] = node;
            }
        }
    }
}
