using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Prom.Testing.Network;
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
        await using BusClient client = gateway.Client(through: proxy);
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
        await using BusClient client = gateway.Client(through: proxy);
        const string topic = "ledger.entries.v1";
        const int confirmedFirst = 20, stored = 100, afterTheCut = 30;
        var all = new List<Task<EventRecord>>();
        for (int i = 0; i < confirmedFirst; i++)
        {
            all.Add(client.PublishAsync(PublishRequest.FromJson(topic, $$"""{"i":{{i}}}"""), TestWait.Seconds(60)).AsTask());
        }

        await Task.WhenAll(all);

        // Replies stop on the way back: these publishes reach the server and are stored, but no OK reaches the client.
        proxy.HoldReplies();
        var unconfirmed = new List<Task<EventRecord>>();
        for (int i = 0; i < stored; i++)
        {
            unconfirmed.Add(client.PublishAsync(PublishRequest.FromJson(topic, $$"""{"j":{{i}}}"""), TestWait.Seconds(60)).AsTask());
        }

        await WaitUntilStoredAsync(gateway, topic, confirmedFirst + stored);
        Assert.DoesNotContain(unconfirmed, t => t.IsCompleted);

        proxy.Cut(); // every OK of those is lost: the client must send them again with their ids
        for (int i = 0; i < afterTheCut; i++)
        {
            all.Add(client.PublishAsync(PublishRequest.FromJson(topic, $$"""{"k":{{i}}}"""), TestWait.Seconds(60)).AsTask());
        }

        all.AddRange(unconfirmed);
        EventRecord[] confirmed = await Task.WhenAll(all);

        List<EventRecord> inStore = await gateway.Bus.ReplayAsync(topic, StartPosition.Earliest).ToListAsync(TestWait.Seconds(20));
        Assert.True(client.ResentPublishes >= stored, $"{client.ResentPublishes} publishes resent, expected at least {stored}");
        Assert.True(client.ConnectionCount >= 2);
        Assert.Equal(confirmedFirst + stored + afterTheCut, inStore.Count); // nothing lost, nothing stored twice
        Assert.Equal(confirmed.Select(r => r.Id).Order(), inStore.Select(r => r.Id).Order());
        Assert.Equal(confirmed.Select(r => r.Offset).Order(), inStore.Select(r => r.Offset).Order());
    }

    /// <summary>Bounded wait until the topic holds <paramref name="count"/> records (read from the server's store).</summary>
    private static async Task WaitUntilStoredAsync(TestGateway gateway, string topic, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            List<EventRecord> records = await gateway.Bus.ReplayAsync(topic, StartPosition.Earliest).ToListAsync(deadline.Token);
            if (records.Count >= count)
            {
                return;
            }

            await Task.Delay(20, deadline.Token);
        }
    }
}
