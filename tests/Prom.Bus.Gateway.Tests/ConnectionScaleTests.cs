using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus.Gateway.Connections;
using Xunit;
using Xunit.Abstractions;

namespace Prom.Bus.Gateway.Tests;

/// <summary>1,000 concurrent WebSocket connections on loopback, every one authenticated, subscribed and served.</summary>
public sealed class ConnectionScaleTests(ITestOutputHelper output)
{
    private const int Connections = 1000;

    [Fact]
    public async Task A_thousand_connections_compete_in_one_group_and_every_record_is_delivered_once_and_acked()
    {
        await using GatewayHost host = await GatewayHost.StartAsync(o => o.AuthTimeout = TimeSpan.FromMinutes(2));
        var clock = Stopwatch.StartNew();
        var clients = new WireClient[Connections];
        for (int batch = 0; batch < Connections; batch += 50)
        {
            await Task.WhenAll(Enumerable.Range(batch, 50).Select(async i =>
            {
                clients[i] = await host.ConnectAsync();
                (await clients[i].RequestAsync(new { op = "SUBSCRIBE", topic = "scale.jobs", group = "pool", opts = new { max_inflight = 1 } }, 60_000)).AssertOk();
            }));
        }

        long connected = clock.ElapsedMilliseconds;
        GatewayConnections registry = host.App.Services.GetRequiredService<GatewayConnections>();
        Assert.Equal(Connections, registry.Count);

        // One record per connection, published by one of them; each is delivered to exactly one member and acked.
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(n =>
            clients[0].RequestAsync(new { op = "PUBLISH", topic = "scale.jobs", payload = n }, 60_000)));
        var delivered = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int total = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(clients.Select(async c =>
        {
            while (Volatile.Read(ref total) < Connections && !deadline.IsCancellationRequested)
            {
                WireFrame ev;
                try
                {
                    ev = await c.NextEventAsync(250);
                }
                catch (Xunit.Sdk.XunitException)
                {
                    continue;
                }

                string id = ev.Root.GetProperty("event").GetProperty("id").GetString()!;
                delivered.AddOrUpdate(id, 1, (_, k) => k + 1);
                (await c.RequestAsync(new { op = "ACK", topic = "scale.jobs", group = "pool", id }, 60_000)).AssertOk();
                Interlocked.Increment(ref total);
            }
        }));

        Assert.Equal(Connections, delivered.Count);
        Assert.All(delivered.Values, count => Assert.Equal(1, count));
        Assert.All(await host.Bus.GetGroupStateAsync("scale.jobs", "pool"), s => Assert.Equal(s.Head, s.Watermark));
        long served = clock.ElapsedMilliseconds;

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        clock.Restart();
        while (registry.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, registry.Count);
        output.WriteLine($"{Connections} connections: connected and subscribed in {connected} ms, {Connections} records delivered and acked by {served} ms, all closed {clock.ElapsedMilliseconds} ms later");
    }
}
