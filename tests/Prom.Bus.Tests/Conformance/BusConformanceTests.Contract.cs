using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>Store-contract rules that the SQLite store broke before issue 13 (id collisions, partition bound, offset start).</summary>
public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task ExplicitIdAlreadyStoredOnAnotherTopic_IsAnIdConflict_AndStoresNothing()
    {
        string id = UuidV7.NewId();
        EventRecord first = await Bus.PublishAsync(PublishRequest.FromJson("first", "1") with { Id = id });

        var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(PublishRequest.FromJson("second", "2") with { Id = id }));
        Assert.Equal(BusErrorCode.IdConflict, ex.Code);
        Assert.Contains(id, ex.Message);
        Assert.Contains("'first'", ex.Message);
        Assert.Empty(await Store.ReadAsync("second", 0, 1, 10));

        // Re-publishing on the same topic stays idempotent: the stored record comes back, nothing new is appended.
        EventRecord again = await Bus.PublishAsync(PublishRequest.FromJson("first", "1") with { Id = id });
        Assert.Equal(first.Offset, again.Offset);
        Assert.Single(await Store.ReadAsync("first", 0, 1, 10));
    }

    [Fact]
    public async Task IdConflictInABatch_FailsTheWholeBatch()
    {
        string id = UuidV7.NewId();
        await Bus.PublishAsync(PublishRequest.FromJson("first", "1") with { Id = id });
        await Bus.CreateTopicAsync(new TopicConfig("second"));
        var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishBatchAsync(
            [PublishRequest.FromJson("second", "1"), PublishRequest.FromJson("second", "2") with { Id = id }]));
        Assert.Equal(BusErrorCode.IdConflict, ex.Code);
        Assert.Empty(await Store.ReadAsync("second", 0, 1, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TopicConfig.MaxPartitions + 1)]
    [InlineData(int.MaxValue)]
    public async Task PartitionCountOutsideTheBound_IsRejectedAtOnce_ByTheBusAndByTheStore(int partitions)
    {
        var byBus = await Assert.ThrowsAsync<BusException>(async () => await Bus.CreateTopicAsync(new TopicConfig("huge", partitions)));
        Assert.Equal(BusErrorCode.InvalidPartition, byBus.Code);
        Assert.Contains(TopicConfig.MaxPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture), byBus.Message);
        var byStore = await Assert.ThrowsAsync<BusException>(async () => await Store.EnsureTopicAsync(new TopicConfig("huge", partitions)));
        Assert.Equal(BusErrorCode.InvalidPartition, byStore.Code);
        Assert.Null(await Store.GetTopicAsync("huge"));
    }

    [Fact]
    public async Task NewGroupAtOffsetPastTheHead_StartsAtTheHead_AndGetsTheNextRecord()
    {
        await PublishTexts("orders", "a", "b");
        await using Subscription sub = await Bus.SubscribeAsync("orders", "far", Opts(StartPosition.AtOffset(50)));
        Assert.Equal(2, await Watermark("orders", "far"));
        await sub.AssertNothingWithin(100);
        await PublishTexts("orders", "c");
        Delivery d = await sub.ReceiveWithin();
        Assert.Equal(3, d.Record.Offset);
    }

    [Fact]
    public async Task TheStoreImplementsEveryRole()
    {
        IEventLog log = Store;
        IConsumerGroupStore groups = Store;
        IMembershipStore members = Store;
        IIdempotencyStore idempotency = Store;
        ILogMaintenance maintenance = Store;
        await log.EnsureTopicAsync(new TopicConfig("roles"));
        Assert.True(await groups.JoinGroupAsync("roles", "g", StartPosition.Earliest));
        await members.HeartbeatAsync("roles", "g", "m1", ordered: false, expiresAt: long.MaxValue);
        Assert.Equal(["m1"], await members.LiveMembersAsync("roles", "g", orderedOnly: false, now: 0));
        await idempotency.MarkProcessedAsync("k", expiresAt: 10);
        Assert.True(await idempotency.IsProcessedAsync("k", now: 5));
        Assert.Equal(0, await maintenance.CompactAsync("roles"));
    }
}
