using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>Ordered subscriptions with a window of several in-flight records per partition.</summary>
public abstract partial class BusConformanceTests
{
    private static SubscriptionOptions OrderedOpts(int perPartition, int window = 32, int ackMs = 30_000)
    {
        SubscriptionOptions o = Opts(StartPosition.Earliest, window, ackMs);
        o.Ordered = true;
        o.MaxInFlightPerPartition = perPartition;
        return o;
    }

    [Fact]
    public async Task OrderedWindowThree_HandsOutThreeRecordsOfAPartitionInOffsetOrder_AndOneMorePerSettle()
    {
        await PublishTexts("seq", "1", "2", "3", "4", "5", "6");
        await using Subscription sub = await Bus.SubscribeAsync("seq", "win", OrderedOpts(perPartition: 3));
        var first = await sub.ReceiveMany(3);
        Assert.Equal([1L, 2L, 3L], first.Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(200); // the window of the partition is full

        // An out-of-order ack frees a slot too; the next record is still the next offset.
        await first[1].AckAsync();
        Assert.Equal(4, (await sub.ReceiveWithin()).Record.Offset);
        await sub.AssertNothingWithin(150);
        await first[0].AckAsync();
        Assert.Equal(5, (await sub.ReceiveWithin()).Record.Offset);
        Assert.Equal(2, await Watermark("seq", "win"));
    }

    [Fact]
    public async Task NackInAnOrderedWindow_GivesBackTheLaterUnreceivedRecords_SoTheRedeliveryComesFirst()
    {
        await PublishTexts("seq", "1", "2", "3", "4");
        await using Subscription sub = await Bus.SubscribeAsync("seq", "redo", OrderedOpts(perPartition: 3));
        Delivery d1 = await sub.ReceiveWithin(); // 2 and 3 are claimed too, waiting in the window unreceived
        Assert.Equal(1, d1.Record.Offset);
        Assert.Equal(SettleOutcome.Released, await d1.NackAsync("retry", TimeSpan.Zero));

        var again = await sub.ReceiveMany(3);
        Assert.Equal([1L, 2L, 3L], again.Select(d => d.Record.Offset));
        Assert.Equal([2, 1, 1], again.Select(d => d.Attempt)); // the given-back records did not count an attempt
        foreach (Delivery d in again)
        {
            await d.AckAsync();
        }

        Assert.Equal(4, (await sub.ReceiveWithin()).Record.Offset);
        Assert.Equal(3, await Watermark("seq", "redo"));
    }

    [Fact]
    public async Task NackWithDelayInAnOrderedWindow_HoldsThePartitionUntilTheRedelivery()
    {
        await PublishTexts("seq", "1", "2", "3");
        await using Subscription sub = await Bus.SubscribeAsync("seq", "hold", OrderedOpts(perPartition: 3));
        Delivery d1 = await sub.ReceiveWithin();
        // A delay long enough that a stalled CI machine cannot reach the end of it before the check below ends.
        await d1.NackAsync("later", TimeSpan.FromSeconds(2));
        await sub.AssertNothingWithin(300); // 2 and 3 went back and may not overtake 1
        var next = await sub.ReceiveMany(3, 5000);
        Assert.Equal([1L, 2L, 3L], next.Select(d => d.Record.Offset));
    }

    [Fact]
    public async Task OrderedWindowLargerThanOneReadPage_StillHandsOutEveryRecordInOffsetOrder()
    {
        await Bus.PublishBatchAsync(Enumerable.Range(1, 600).Select(i => PublishRequest.FromValue("long", i)).ToArray());
        await using Subscription sub = await Bus.SubscribeAsync("long", "pages", OrderedOpts(perPartition: 600, window: 600));
        var all = await sub.ReceiveMany(600);
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), all.Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(100);

        // With 580 of them settled the member still holds 20 at the far end; the walk skips past the settled ones.
        await Task.WhenAll(all.Take(580).Select(d => d.AckAsync().AsTask()));
        await Bus.PublishAsync(PublishRequest.FromValue("long", 601));
        Assert.Equal(601, (await sub.ReceiveWithin()).Record.Offset);
        Assert.Equal(580, await Watermark("long", "pages"));
    }

    [Fact]
    public async Task OrderedClaim_OfAnotherMember_StopsAtTheFirstRecordThisMemberDoesNotHold()
    {
        await PublishTexts("seq", "1", "2", "3", "4");
        await Store.JoinGroupAsync("seq", "pair", StartPosition.Earliest);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ClaimRequest For(string member, int max) =>
            new("seq", "pair", member, [0], max, Ordered: true, now, now + 60_000, MaxAttempts: 5) { MaxPerPartition = 2 };

        // m1 takes its window of two; a second claim by m1 adds nothing (the window is full).
        Assert.Equal([1L, 2L], (await Store.ClaimAsync(For("m1", 10))).Select(c => c.Record.Offset));
        Assert.Empty(await Store.ClaimAsync(For("m1", 10)));

        // m2 (the new owner after a rebalance) may not overtake records m1 still holds.
        Assert.Empty(await Store.ClaimAsync(For("m2", 10)));

        // m1 settles offset 1: m1 may take 3; m2 still waits behind offset 2.
        Assert.Equal(SettleOutcome.Settled, await Store.AckAsync(new DeliveryRef("seq", "pair", 0, 1, 1)));
        Assert.Empty(await Store.ClaimAsync(For("m2", 10)));
        Assert.Equal([3L], (await Store.ClaimAsync(For("m1", 10))).Select(c => c.Record.Offset));
    }

    [Fact]
    public async Task TwoOrderedMembersWithWindows_EachSeeTheirPartitionsInOffsetOrder_AndTogetherEveryRecordOnce()
    {
        await Bus.CreateTopicAsync(new TopicConfig("lanes", Partitions: 4));
        var published = new List<EventRecord>();
        for (int i = 0; i < 80; i++)
        {
            published.Add(await Bus.PublishAsync(PublishRequest.FromValue("lanes", i) with { Key = "k" + (i % 9) }));
        }

        await using Subscription a = await Bus.SubscribeAsync("lanes", "lanes", OrderedOpts(perPartition: 4, window: 8));
        await using Subscription b = await Bus.SubscribeAsync("lanes", "lanes", OrderedOpts(perPartition: 4, window: 8));
        await WaitUntil(() => a.OwnedPartitions!.Count + b.OwnedPartitions!.Count == 4 && !a.OwnedPartitions.Intersect(b.OwnedPartitions).Any(),
            "A and B split the partitions");

        var seen = new List<Delivery>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < 80 && DateTime.UtcNow < deadline)
        {
            foreach (Subscription s in new[] { a, b })
            {
                // Long enough for a claim on a loaded server; a receive cancelled mid-claim rolls the claim back.
                using var quick = new System.Threading.CancellationTokenSource(250);
                try
                {
                    Delivery d = await s.ReceiveAsync(quick.Token);
                    seen.Add(d);
                    await d.AckAsync();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        Assert.Equal(80, seen.Select(d => d.Record.Id).Distinct().Count());
        Assert.Equal(80, seen.Count);
        foreach (IGrouping<int, Delivery> partition in seen.GroupBy(d => d.Record.Partition))
        {
            long[] offsets = partition.Select(d => d.Record.Offset).ToArray();
            Assert.Equal(offsets.Order(), offsets);
        }
    }
}
