using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Client.Tests;

/// <summary>The network client against a real gateway: the operations of <see cref="IBusClient"/> with the in-process bus's results.</summary>
public sealed class BusClientTests
{
    [Fact]
    public async Task Publish_ReturnsTheRecordTheServerStored()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(defaultPartitions: 3);
        await using BusClient client = gateway.Client();
        EventRecord sent = await client.PublishAsync(PublishRequest.FromJson("orders.created.v1", """{"order":7,"items":["a","b"]}""") with
        {
            Key = "customer-1",
            Headers = new Dictionary<string, string> { ["x-trace"] = "t1" },
            Tags = ["vip"],
        }, TestWait.Seconds(20));

        EventRecord stored = await gateway.Bus.ReplayAsync("orders.created.v1", StartPosition.Earliest).SingleAsync(TestWait.Seconds(20));
        Assert.Equal(stored.Id, sent.Id);
        Assert.Equal(stored.Partition, sent.Partition);
        Assert.Equal(stored.Offset, sent.Offset);
        Assert.Equal(stored.Ts, sent.Ts);
        Assert.Equal("customer-1", stored.Key);
        Assert.Equal("t1", stored.Headers["x-trace"]);
        Assert.Equal(["vip"], stored.Tags);
        Assert.Equal("""{"order":7,"items":["a","b"]}""", Encoding.UTF8.GetString(stored.Payload.Span));
        Assert.Equal("client-tests", client.Principal);
    }

    [Fact]
    public async Task SubscribeReceiveAck_SettlesForTheGroup()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        await using BusClientSubscription sub = await client.SubscribeAsync("jobs.queued.v1", "workers", ct: TestWait.Seconds(20));
        EventRecord sent = await client.PublishAsync(PublishRequest.FromJson("jobs.queued.v1", """{"job":1}"""), TestWait.Seconds(20));

        IBusDelivery d = await sub.ReceiveAsync(TestWait.Seconds(20));
        Assert.Equal(sent.Id, d.Record.Id);
        Assert.Equal(1, d.Attempt);
        Assert.Equal("workers", d.Group);
        Assert.True(d.LeaseUntil > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(SettleOutcome.Settled, await d.AckAsync(TestWait.Seconds(20)));
        Assert.True(d.IsCompleted);
        Assert.Equal(SettleOutcome.AlreadySettled, await d.AckAsync(TestWait.Seconds(20)));

        GroupPartitionState state = (await gateway.Bus.GetGroupStateAsync("jobs.queued.v1", "workers", TestWait.Seconds(20))).Single();
        Assert.Equal(sent.Offset, state.Watermark);
    }

    [Fact]
    public async Task NackThenModAck_RedeliversWithTheNextAttemptAndExtendsTheLease()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        await using BusClientSubscription sub = await client.SubscribeAsync("jobs.retry.v1", "workers",
            new SubscriptionOptions { MaxAttempts = 2, AckTimeout = TimeSpan.FromSeconds(5) }, TestWait.Seconds(20));
        await client.PublishAsync(PublishRequest.FromJson("jobs.retry.v1", "{}"), TestWait.Seconds(20));

        IBusDelivery first = await sub.ReceiveAsync(TestWait.Seconds(20));
        Assert.Equal(SettleOutcome.Released, await first.NackAsync("db down", TimeSpan.Zero, TestWait.Seconds(20)));
        IBusDelivery second = await sub.ReceiveAsync(TestWait.Seconds(20));
        Assert.Equal(first.Record.Id, second.Record.Id);
        Assert.Equal(2, second.Attempt);
        long before = second.LeaseUntil;
        Assert.True(await second.ModAckAsync(TimeSpan.FromSeconds(60), TestWait.Seconds(20)));
        Assert.True(second.LeaseUntil > before + 30_000);

        // The last attempt fails: the record goes to the DLQ, as in process.
        Assert.Equal(SettleOutcome.DeadLettered, await second.NackAsync("still down", ct: TestWait.Seconds(20)));
        EventRecord dead = await gateway.Bus.ReplayAsync(BusNames.DlqTopic("jobs.retry.v1"), StartPosition.Earliest).SingleAsync(TestWait.Seconds(20));
        Assert.Equal(first.Record.Id, DeadLetter.Read(dead).Original.Id);
    }

    [Fact]
    public async Task BadInput_GetsTheInProcessExceptionsBeforeAnythingIsSent()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        BusException topic = await Assert.ThrowsAsync<BusException>(() => client.PublishAsync(PublishRequest.FromJson("Bad Topic", "{}")).AsTask());
        Assert.Equal(BusErrorCode.InvalidTopic, topic.Code);
        BusException payload = await Assert.ThrowsAsync<BusException>(() => client.PublishAsync(PublishRequest.FromJson("orders.bad.v1", "{not json")).AsTask());
        Assert.Equal(BusErrorCode.InvalidPayload, payload.Code);
        BusException header = await Assert.ThrowsAsync<BusException>(() => client.PublishAsync(
            PublishRequest.FromJson("orders.bad.v1", "{}") with { Headers = new Dictionary<string, string> { ["Trace"] = "x" } }).AsTask());
        Assert.Equal(BusErrorCode.InvalidHeader, header.Code);

        // Refused by the server (partition 5 of a 1-partition topic): the server's code arrives as the same BusException.
        BusException partition = await Assert.ThrowsAsync<BusException>(() => client.PublishAsync(
            PublishRequest.FromJson("orders.bad.v1", "{}") with { Partition = 5 }, TestWait.Seconds(20)).AsTask());
        Assert.Equal(BusErrorCode.InvalidPartition, partition.Code);
        Assert.Empty(await gateway.Bus.ReplayAsync("orders.bad.v1", StartPosition.Earliest).ToListAsync(TestWait.Seconds(20)));
    }

    [Fact]
    public async Task WrongToken_FailsConnectWithAuthFailed()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client("not-a-token");
        BusGatewayException refused = await Assert.ThrowsAsync<BusGatewayException>(() => client.ConnectAsync(TestWait.Seconds(20)));
        Assert.Equal("auth_failed", refused.Code);
        // Every later request fails at once with the same refusal instead of waiting for a connection that cannot come.
        await Assert.ThrowsAsync<BusGatewayException>(() => client.PublishAsync(PublishRequest.FromJson("orders.x.v1", "{}"), TestWait.Seconds(5)).AsTask());
    }

    [Fact]
    public async Task HandlerSubscription_AcksOnReturnAndNacksOnThrow()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        var seen = new List<(string Id, int Attempt)>();
        var done = new TaskCompletionSource();
        await using (await client.SubscribeAsync("mail.send.v1", "mailer", (d, _) =>
        {
            lock (seen)
            {
                seen.Add((d.Record.Id, d.Attempt));
                if (seen.Count == 2)
                {
                    done.TrySetResult();
                }
            }

            return d.Attempt == 1 ? throw new InvalidOperationException("smtp down") : Task.CompletedTask;
        }, new SubscriptionOptions { BackoffBase = TimeSpan.Zero, BackoffMax = TimeSpan.Zero }, TestWait.Seconds(20)))
        {
            EventRecord sent = await client.PublishAsync(PublishRequest.FromJson("mail.send.v1", "{}"), TestWait.Seconds(20));
            await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal([(sent.Id, 1), (sent.Id, 2)], seen);
        }

        GroupPartitionState state = (await gateway.Bus.GetGroupStateAsync("mail.send.v1", "mailer", TestWait.Seconds(20))).Single();
        await WaitUntilAsync(async () => (await gateway.Bus.GetGroupStateAsync("mail.send.v1", "mailer")).Single().Watermark == 1);
        Assert.True(state.Watermark <= 1);
    }

    [Fact]
    public async Task PublishBatch_ReturnsEveryRecordInRequestOrder()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient client = gateway.Client();
        PublishRequest[] batch = Enumerable.Range(0, 50).Select(i => PublishRequest.FromJson("metrics.raw.v1", $$"""{"i":{{i}}}""")).ToArray();
        IReadOnlyList<EventRecord> stored = await client.PublishBatchAsync(batch, TestWait.Seconds(30));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $$"""{"i":{{i}}}"""), stored.Select(r => Encoding.UTF8.GetString(r.Payload.Span)));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), stored.Select(r => r.Offset).Order());
        Assert.Equal(50, stored.Select(r => r.Id).Distinct().Count());
        Assert.Equal(50, await gateway.Bus.ReplayAsync("metrics.raw.v1", StartPosition.Earliest).CountAsync(TestWait.Seconds(20)));
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
