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

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' })] // a lead byte without its continuation
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })] // a surrogate encoded as UTF-8 (CESU)
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    public async Task PayloadThatIsNotValidUtf8_IsRejectedAtPublish(byte[] payload)
    {
        var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(new PublishRequest("bytes", payload)));
        Assert.Equal(BusErrorCode.InvalidPayload, ex.Code);
        Assert.Contains("UTF-8", ex.Message);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"a\\udc00\":1}")]
    [InlineData("[\"ok\", \"\\ud83d x\"]")]
    public async Task PayloadWithAnEscapedUnpairedSurrogate_IsRejectedAtPublish_AndAPairIsAccepted(string json)
    {
        await Bus.CreateTopicAsync(new TopicConfig("text"));
        var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(PublishRequest.FromJson("text", json)));
        Assert.Equal(BusErrorCode.InvalidPayload, ex.Code);
        Assert.Empty(await Store.ReadAsync("text", 0, 1, 10));

        EventRecord pair = await Bus.PublishAsync(PublishRequest.FromJson("text", "\"\\ud83d\\ude00\""));
        Assert.Equal("\U0001F600", (await Store.FindByIdAsync(pair.Id))!.PayloadJson().GetString());
    }

    [Fact]
    public async Task KeyHeaderValueTagsCausesAndSid_HaveSizeLimits_WithTheFieldNamed()
    {
        await Bus.CreateTopicAsync(new TopicConfig("limits"));
        async Task<string> Fail(PublishRequest r)
        {
            var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(r));
            Assert.Equal(BusErrorCode.FieldTooLarge, ex.Code);
            return ex.Message;
        }

        PublishRequest ok = PublishRequest.FromJson("limits", "1");
        Assert.Contains("key", await Fail(ok with { Key = new string('k', RecordLimits.MaxKeyLength + 1) }));
        Assert.Contains("header 'x-big'", await Fail(ok with { Headers = new System.Collections.Generic.Dictionary<string, string> { ["x-big"] = new string('v', RecordLimits.MaxHeaderValueLength + 1) } }));
        Assert.Contains("tags", await Fail(ok with { Tags = [.. System.Linq.Enumerable.Repeat("t", RecordLimits.MaxListItems + 1)] }));
        Assert.Contains("tags", await Fail(ok with { Tags = [new string('t', RecordLimits.MaxItemLength + 1)] }));
        Assert.Contains("causedBy", await Fail(ok with { CausedBy = [new string('c', RecordLimits.MaxItemLength + 1)] }));
        Assert.Contains("sid", await Fail(ok with { Sid = new string('s', RecordLimits.MaxItemLength + 1) }));
        Assert.Empty(await Store.ReadAsync("limits", 0, 1, 10));

        // At the limits everything is stored and read back intact.
        EventRecord atLimit = await Bus.PublishAsync(ok with
        {
            Key = new string('k', RecordLimits.MaxKeyLength),
            Tags = [new string('t', RecordLimits.MaxItemLength)],
            Headers = new System.Collections.Generic.Dictionary<string, string> { ["x-big"] = new string('v', RecordLimits.MaxHeaderValueLength) },
        });
        EventRecord back = (await Store.FindByIdAsync(atLimit.Id))!;
        Assert.Equal(RecordLimits.MaxKeyLength, back.Key!.Length);
        Assert.Equal(RecordLimits.MaxHeaderValueLength, back.Headers["x-big"].Length);
    }
}
