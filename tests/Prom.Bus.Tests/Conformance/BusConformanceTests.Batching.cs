using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>Many members and many acks at once: what a store that batches claims and acks must still guarantee.</summary>
public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task ConcurrentAcksOfManyMembers_SettleEachRecordOnce_ADuplicateIsAlreadySettled_AndAnUnknownAckFailsAlone()
    {
        await Bus.CreateTopicAsync(new TopicConfig("burst", Partitions: 3));
        for (int i = 0; i < 60; i++)
        {
            await Bus.PublishAsync(PublishRequest.FromValue("burst", i));
        }

        var members = new List<Subscription>();
        for (int m = 0; m < 4; m++)
        {
            members.Add(await Bus.SubscribeAsync("burst", "acks", Opts(StartPosition.Earliest, window: 20)));
        }

        try
        {
            List<Delivery> all = await ReceiveFromAll(members, 60);
            Assert.Equal(60, all.Select(d => d.Record.Id).Distinct().Count());

            // Every ack at once, five of them twice, plus one ack of a record the group was never given.
            var acks = all.Concat(all.Take(5)).Select(d => (d.Record.Id, Task: d.AckAsync().AsTask())).ToArray();
            Task<SettleOutcome> unknown = AckUnknownAsync(); // an async call, so a store that throws synchronously still joins the burst
            var bad = await Assert.ThrowsAsync<BusException>(() => unknown);
            Assert.Equal(BusErrorCode.UnknownDelivery, bad.Code);
            await Task.WhenAll(acks.Select(a => a.Task));

            foreach (IGrouping<string, (string Id, Task<SettleOutcome> Task)> perRecord in acks.GroupBy(a => a.Id))
            {
                SettleOutcome[] outcomes = perRecord.Select(a => a.Task.Result).ToArray();
                Assert.Equal(1, outcomes.Count(o => o == SettleOutcome.Settled));
                Assert.All(outcomes.Where(o => o != SettleOutcome.Settled), o => Assert.Equal(SettleOutcome.AlreadySettled, o));
            }

            Assert.All(await Bus.GetGroupStateAsync("burst", "acks"), s => Assert.Equal(s.Head, s.Watermark));

            async Task<SettleOutcome> AckUnknownAsync() => await Store.AckAsync(new DeliveryRef("burst", "acks", 0, 999, 1));
        }
        finally
        {
            foreach (Subscription s in members)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ManyRacingMembers_NeverHoldOneIdAtOnce_AndTogetherSettleEveryRecord()
    {
        await Bus.CreateTopicAsync(new TopicConfig("race", Partitions: 4));
        await Bus.PublishBatchAsync(Enumerable.Range(0, 200).Select(i => PublishRequest.FromValue("race", i)).ToArray());

        var open = new HashSet<string>(StringComparer.Ordinal);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var violations = new List<string>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var members = new List<Subscription>();
        for (int m = 0; m < 5; m++)
        {
            members.Add(await Bus.SubscribeAsync("race", "racers", Opts(StartPosition.Earliest, window: 8)));
        }

        async Task RunAsync(Subscription sub, int seed)
        {
            var random = new Random(seed);
            while (true)
            {
                Delivery d;
                try
                {
                    d = await sub.ReceiveAsync(done.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                lock (open)
                {
                    if (!open.Add(d.Record.Id))
                    {
                        violations.Add($"{d.Record.Id} delivered to a second member while still open");
                    }
                }

                // Acks complete in a different order than deliveries, some after a short pause.
                _ = Task.Run(async () =>
                {
                    if (random.Next(3) == 0)
                    {
                        await Task.Delay(random.Next(1, 10));
                    }

                    lock (open)
                    {
                        open.Remove(d.Record.Id);
                    }

                    await d.AckAsync();
                    bool all;
                    lock (open)
                    {
                        settled.Add(d.Record.Id);
                        all = settled.Count == 200;
                    }

                    if (all)
                    {
                        await done.CancelAsync();
                    }
                });
            }
        }

        try
        {
            await Task.WhenAll(members.Select((s, i) => RunAsync(s, i)));
            Assert.Empty(violations);
            Assert.Equal(200, settled.Count);
            await WaitUntilAsync(async () => (await Bus.GetGroupStateAsync("race", "racers")).All(s => s.Watermark == s.Head), "every watermark reaches the head");
        }
        finally
        {
            foreach (Subscription s in members)
            {
                await s.DisposeAsync();
            }
        }
    }

    /// <summary>Receives from the members in turn until <paramref name="count"/> deliveries arrived (at most 20 s).</summary>
    private static async Task<List<Delivery>> ReceiveFromAll(IReadOnlyList<Subscription> members, int count)
    {
        var got = new List<Delivery>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (got.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {got.Count} of {count} deliveries within 20 s");
            foreach (Subscription s in members)
            {
                using var quick = new CancellationTokenSource(50);
                try
                {
                    got.Add(await s.ReceiveAsync(quick.Token));
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        return got;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int ms = 10_000)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(sw.ElapsedMilliseconds < ms, $"Timed out after {ms} ms waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
