using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Client.Tests;

/// <summary>Connections drop; the client reconnects, resubscribes and never stores a retried publish twice.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task ServerRestart_ClientReconnectsResubscribesAndKeepsConsuming()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        await using BusClientSubscription sub = await client.SubscribeAsync("audit.log.v1", "archiver", ct: TestWait.Seconds(20));
        EventRecord before = await client.PublishAsync(PublishRequest.FromJson("audit.log.v1", """{"n":1}"""), TestWait.Seconds(20));
        IBusDelivery first = await sub.ReceiveAsync(TestWait.Seconds(20));
        Assert.Equal(before.Id, first.Record.Id);
        Assert.Equal(SettleOutcome.Settled, await first.AckAsync(TestWait.Seconds(20)));

        await gateway.StopAsync();
        Task<EventRecord> during = client.PublishAsync(PublishRequest.FromJson("audit.log.v1", """{"n":2}"""), TestWait.Seconds(30)).AsTask();
        await Task.Delay(300);
        Assert.False(during.IsCompleted); // waits for the server instead of failing
        await gateway.StartAgainAsync();

        EventRecord after = await during;
        IBusDelivery second = await sub.ReceiveAsync(TestWait.Seconds(30));
        Assert.Equal(after.Id, second.Record.Id);
        Assert.Equal(SettleOutcome.Settled, await second.AckAsync(TestWait.Seconds(20)));
        Assert.True(client.ConnectionCount >= 2);
        Assert.True(sub.JoinCount >= 2);
        Assert.Equal(2, (await gateway.Bus.GetGroupStateAsync("audit.log.v1", "archiver", TestWait.Seconds(20))).Single().Watermark);
    }

    [Fact]
    public async Task DeliveryOfADroppedConnection_IsStaleAndComesAgain()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using var proxy = new CuttableProxy(gateway.Port);
        BusClientOptions options = gateway.ClientOptions();
        options.Url = proxy.WebSocketUri;
        await using var client = new BusClient(options);
        await using BusClientSubscription sub = await client.SubscribeAsync("tasks.todo.v1", "doers", ct: TestWait.Seconds(20));
        await client.PublishAsync(PublishRequest.FromJson("tasks.todo.v1", "{}"), TestWait.Seconds(20));
        IBusDelivery held = await sub.ReceiveAsync(TestWait.Seconds(20));

        proxy.Cut();
        IBusDelivery again = await sub.ReceiveAsync(TestWait.Seconds(30));
        Assert.Equal(held.Record.Id, again.Record.Id);
        Assert.True(again.Attempt > held.Attempt);
        Assert.Equal(SettleOutcome.Stale, await held.AckAsync(TestWait.Seconds(20)));
        Assert.Equal(SettleOutcome.Settled, await again.AckAsync(TestWait.Seconds(20)));
    }

    [Fact]
    public async Task PublishesCutMidFlight_AreRetriedWithTheirIdsAndStoredOnce()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using var proxy = new CuttableProxy(gateway.Port);
        BusClientOptions options = gateway.ClientOptions();
        options.Url = proxy.WebSocketUri;
        await using var client = new BusClient(options);
        await client.ConnectAsync(TestWait.Seconds(20));

        const int count = 300;
        var publishes = new List<Task<EventRecord>>(count);
        using var cutter = new CancellationTokenSource();
        Task cuts = Task.Run(async () =>
        {
            for (int i = 0; i < 5 && !cutter.IsCancellationRequested; i++)
            {
                await Task.Delay(15);
                proxy.Cut();
            }
        });
        for (int i = 0; i < count; i++)
        {
            publishes.Add(client.PublishAsync(PublishRequest.FromJson("ledger.entries.v1", $$"""{"i":{{i}}}"""), TestWait.Seconds(60)).AsTask());
            if (i % 20 == 0)
            {
                await Task.Delay(5);
            }
        }

        EventRecord[] confirmed = await Task.WhenAll(publishes);
        await cutter.CancelAsync();
        await cuts;

        List<EventRecord> stored = await gateway.Bus.ReplayAsync("ledger.entries.v1", StartPosition.Earliest).ToListAsync(TestWait.Seconds(20));
        Assert.True(proxy.Cuts >= 1, "the proxy never cut a connection: the test proved nothing");
        Assert.True(client.ResentPublishes > 0, "no publish was resent: the cuts missed every publish in flight");
        Assert.Equal(count, stored.Count); // nothing lost, nothing stored twice
        Assert.Equal(confirmed.Select(r => r.Id).Order(), stored.Select(r => r.Id).Order());
        Assert.Equal(confirmed.Select(r => r.Offset).Order(), stored.Select(r => r.Offset).Order());
    }
}
