using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task ListGroups_NamesEveryJoinedGroup_AndHeadsAreTheLastOffsets()
    {
        await Bus.CreateTopicAsync(new TopicConfig("listing", Partitions: 2));
        Assert.Empty(await Bus.ListGroupsAsync("listing"));
        Assert.Equal([0L, 0L], await Bus.GetHeadsAsync("listing"));
        await Bus.PublishAsync(PublishRequest.FromValue("listing", 1) with { Partition = 1 });
        await Bus.PublishAsync(PublishRequest.FromValue("listing", 2) with { Partition = 1 });
        await using Subscription z = await Bus.SubscribeAsync("listing", "zeta");
        await using Subscription a = await Bus.SubscribeAsync("listing", "alpha");
        await using Subscription other = await Bus.SubscribeAsync("listing.other", "other");
        Assert.Equal(["alpha", "zeta"], await Bus.ListGroupsAsync("listing"));
        Assert.Equal([0L, 2L], await Bus.GetHeadsAsync("listing"));
        Assert.Empty(await Bus.ListGroupsAsync("listing.none"));
        var unknown = await Assert.ThrowsAsync<BusException>(async () => await Bus.GetHeadsAsync("listing.none"));
        Assert.Equal(BusErrorCode.UnknownTopic, unknown.Code);
    }

    [Fact]
    public async Task TwoGroups_EachGetEveryRecord()
    {
        await PublishTexts("events", "a", "b", "c", "d");
        await using Subscription g1 = await Bus.SubscribeAsync("events", "g1", Opts(StartPosition.Earliest));
        await using Subscription g2 = await Bus.SubscribeAsync("events", "g2", Opts(StartPosition.Earliest));
        Assert.Equal([1L, 2L, 3L, 4L], (await g1.ReceiveMany(4)).Select(d => d.Record.Offset));
        Assert.Equal([1L, 2L, 3L, 4L], (await g2.ReceiveMany(4)).Select(d => d.Record.Offset));
    }

    [Fact]
    public async Task TwoMembersOfOneGroup_SplitRecordsWithNoDuplicates()
    {
        await Bus.CreateTopicAsync(new TopicConfig("work", Partitions: 2));
        for (int i = 0; i < 40; i++)
        {
            await Bus.PublishAsync(PublishRequest.FromValue("work", i));
        }

        await using Subscription a = await Bus.SubscribeAsync("work", "pool", Opts(StartPosition.Earliest, window: 5));
        await using Subscription b = await Bus.SubscribeAsync("work", "pool", Opts(StartPosition.Earliest, window: 5));

        // Both windows full at once: ten distinct records are leased, none twice.
        var firstA = await a.ReceiveMany(5);
        var firstB = await b.ReceiveMany(5);
        Assert.Empty(firstA.Select(d => d.Record.Id).Intersect(firstB.Select(d => d.Record.Id)));

        var seen = new List<string>();
        var countA = 0;
        var countB = 0;
        foreach (Delivery d in firstA.Concat(firstB))
        {
            seen.Add(d.Record.Id);
            await d.AckAsync();
        }

        countA += 5;
        countB += 5;
        while (seen.Count < 40)
        {
            Delivery da = await a.ReceiveWithin();
            seen.Add(da.Record.Id);
            countA++;
            await da.AckAsync();
            if (seen.Count < 40)
            {
                Delivery db = await b.ReceiveWithin();
                seen.Add(db.Record.Id);
                countB++;
                await db.AckAsync();
            }
        }

        Assert.Equal(40, seen.Distinct().Count());
        Assert.True(countA > 0 && countB > 0);
        await a.AssertNothingWithin(100);
        await b.AssertNothingWithin(100);
        Assert.All(await Bus.GetGroupStateAsync("work", "pool"), s => Assert.Equal(s.Head, s.Watermark));
    }

    [Fact]
    public async Task ExpiredLease_OfADeadMember_IsRedeliveredToALiveMember()
    {
        await UseFakeClock();
        await PublishTexts("events", "x");
        Subscription dead = await Bus.SubscribeAsync("events", "pool", Opts(StartPosition.Earliest, ackMs: 200));
        Delivery lost = await dead.ReceiveWithin();
        await dead.DisposeAsync(); // it never acks: the handed-out delivery stays leased until expiry

        await using Subscription live = await Bus.SubscribeAsync("events", "pool", Opts(StartPosition.Earliest, ackMs: 200));
        (Delivery again, _) = await ReceiveAdvancing(live, TimeSpan.FromMilliseconds(200));
        Assert.Equal(lost.Record.Id, again.Record.Id);
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task Filter_SettlesNonMatchingRecords_SoTheGroupNeverStalls()
    {
        foreach (string key in new[] { "a", "a", "a", "b", "a" })
        {
            await Bus.PublishAsync(PublishRequest.FromJson("keys", "1") with { Key = key });
        }

        SubscriptionOptions o = Opts(StartPosition.Earliest, window: 1);
        o.Filter = r => r.Key == "b";
        await using Subscription sub = await Bus.SubscribeAsync("keys", "onlyb", o);
        Delivery d = await sub.ReceiveWithin();
        Assert.Equal("b", d.Record.Key);
        Assert.Equal(4, d.Record.Offset);
        await d.AckAsync();
        await sub.AssertNothingWithin(150);
        Assert.Equal(5, await Watermark("keys", "onlyb"));
    }

    [Fact]
    public async Task OrderedMembers_OwnDisjointPartitions_AndRebalanceOnJoinAndLeave()
    {
        await Bus.CreateTopicAsync(new TopicConfig("ordered", Partitions: 4));
        SubscriptionOptions Ordered() { var o = Opts(StartPosition.Earliest); o.Ordered = true; return o; }

        await using Subscription a = await Bus.SubscribeAsync("ordered", "o", Ordered());
        await WaitUntil(() => a.OwnedPartitions!.Count == 4, "A owns all partitions alone");

        Subscription b = await Bus.SubscribeAsync("ordered", "o", Ordered());
        await WaitUntil(() => a.OwnedPartitions!.Count + b.OwnedPartitions!.Count == 4 && !a.OwnedPartitions.Intersect(b.OwnedPartitions).Any(),
            "A and B split the partitions");
        var expectedB = RendezvousHash.Owned(new[] { a.MemberId, b.MemberId }.Order(StringComparer.Ordinal).ToArray(), b.MemberId, 4);
        Assert.Equal(expectedB, b.OwnedPartitions);

        await b.DisposeAsync();
        await WaitUntil(() => a.OwnedPartitions!.Count == 4, "A takes B's partitions back after B leaves");
    }

    [Fact]
    public async Task OrderedMemberWithPartitionWindowOne_SeesAPartitionInOffsetOrder_OneAtATime_EvenAcrossRedelivery()
    {
        await PublishTexts("seq", "1", "2", "3");
        SubscriptionOptions o = Opts(StartPosition.Earliest, window: 10);
        o.Ordered = true;
        o.MaxInFlightPerPartition = 1;
        await using Subscription sub = await Bus.SubscribeAsync("seq", "ord", o);
        Delivery d1 = await sub.ReceiveWithin();
        Assert.Equal(1, d1.Record.Offset);
        await sub.AssertNothingWithin(150); // head-of-line: offset 2 waits for offset 1
        await d1.NackAsync("retry", TimeSpan.Zero);
        Delivery again = await sub.ReceiveWithin();
        Assert.Equal(1, again.Record.Offset);
        await again.AckAsync();
        Delivery d2 = await sub.ReceiveWithin();
        Assert.Equal(2, d2.Record.Offset);
        await d2.AckAsync();
        Assert.Equal(3, (await sub.ReceiveWithin()).Record.Offset);
    }

    [Fact]
    public async Task OrderedMemberThatDies_ItsPartitionsMoveToTheSurvivorAfterTheHeartbeatTtl()
    {
        await Bus.CreateTopicAsync(new TopicConfig("ttl", Partitions: 2));
        await using Subscription a = await Bus.SubscribeAsync("ttl", "o", new SubscriptionOptions { Ordered = true });
        // A member that heartbeated once and then vanished (a crashed process): it never leaves explicitly. Pick a ghost
        // id that wins at least one partition, so the survivor visibly loses and then regains it.
        string ghost = UuidV7.NewId();
        while (RendezvousHash.Owned(new[] { a.MemberId, ghost }.Order(StringComparer.Ordinal).ToArray(), ghost, 2).Length == 0)
        {
            ghost = UuidV7.NewId();
        }

        await Store.HeartbeatAsync("ttl", "o", ghost, true, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 2000);
        await WaitUntil(() => a.OwnedPartitions!.Count < 2, "the ghost takes its share while its heartbeat is fresh");
        await WaitUntil(() => a.OwnedPartitions!.Count == 2, "survivor owns both partitions after the TTL", 10_000);
    }

    private static async Task WaitUntil(Func<bool> condition, string what, int ms = 3000)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > ms)
            {
                Assert.Fail($"Timed out after {ms} ms waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
