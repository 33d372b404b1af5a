using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Theory]
    [InlineData("Orders")]
    [InlineData("orders..v1")]
    [InlineData("orders_v1")]
    [InlineData("")]
    [InlineData(".orders")]
    public async Task InvalidTopicName_IsRejectedWithTheNameInTheMessage(string topic)
    {
        var ex = await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(PublishRequest.FromJson(topic, "1")));
        Assert.Equal(BusErrorCode.InvalidTopic, ex.Code);
        Assert.Contains($"'{topic}'", ex.Message);
    }

    [Fact]
    public async Task InvalidHeaderKey_OversizedPayload_InvalidJson_AndBadPartition_AreRejectedAndNothingIsStored()
    {
        await Bus.CreateTopicAsync(new TopicConfig("input", Partitions: 2));
        async Task<BusErrorCode> Fail(PublishRequest r) => (await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishAsync(r))).Code;

        Assert.Equal(BusErrorCode.InvalidHeader, await Fail(PublishRequest.FromJson("input", "1") with { Headers = new Dictionary<string, string> { ["Trace"] = "x" } }));
        Assert.Equal(BusErrorCode.PayloadTooLarge, await Fail(new PublishRequest("input", new byte[Bus.Options.MaxPayloadBytes + 1])));
        Assert.Equal(BusErrorCode.InvalidPayload, await Fail(PublishRequest.FromJson("input", "{\"a\":")));
        Assert.Equal(BusErrorCode.InvalidPayload, await Fail(PublishRequest.FromJson("input", "1 2")));
        Assert.Equal(BusErrorCode.InvalidPartition, await Fail(PublishRequest.FromJson("input", "1") with { Partition = 2 }));
        Assert.Equal(BusErrorCode.InvalidId, await Fail(PublishRequest.FromJson("input", "1") with { Id = "not-a-uuid" }));

        // A batch with one bad member stores nothing.
        await Assert.ThrowsAsync<BusException>(async () => await Bus.PublishBatchAsync(
            [PublishRequest.FromJson("input", "1"), PublishRequest.FromJson("input", "oops")]));
        Assert.Empty(await Store.ReadAsync("input", 0, 1, 10));
        Assert.Empty(await Store.ReadAsync("input", 1, 1, 10));
    }

    [Fact]
    public async Task UnknownGroup_UnknownAfterId_AndOffsetZero_GetClearErrors()
    {
        await PublishTexts("input", "a");
        var unknownGroup = await Assert.ThrowsAsync<BusException>(async () => await Bus.GetGroupStateAsync("input", "nobody"));
        Assert.Equal(BusErrorCode.UnknownGroup, unknownGroup.Code);
        Assert.Contains("'nobody'", unknownGroup.Message);

        var badAfter = await Assert.ThrowsAsync<BusException>(async () =>
            await Bus.SubscribeAsync("input", "g", Opts(StartPosition.AfterId(UuidV7.NewId()))));
        Assert.Equal(BusErrorCode.InvalidStartPosition, badAfter.Code);

        Assert.Throws<ArgumentOutOfRangeException>(() => StartPosition.AtOffset(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StartPosition.AtTimestamp(-1));
        var badGroup = await Assert.ThrowsAsync<BusException>(async () => await Bus.SubscribeAsync("input", "bad group", null));
        Assert.Equal(BusErrorCode.InvalidGroup, badGroup.Code);
    }

    [Fact]
    public async Task AckOfAnUnknownId_OrOfARecordNeverDelivered_IsAClearError()
    {
        await PublishTexts("input", "a", "b");
        await using Subscription sub = await Bus.SubscribeAsync("input", "g", Opts(StartPosition.Earliest, window: 1));
        Delivery d = await sub.ReceiveWithin();

        var unknownId = await Assert.ThrowsAsync<BusException>(async () => await sub.AckAsync(UuidV7.NewId()));
        Assert.Equal(BusErrorCode.UnknownDelivery, unknownId.Code);
        var neverGiven = await Assert.ThrowsAsync<BusException>(async () => await Store.AckAsync(new DeliveryRef("input", "g", 0, 2, 1)));
        Assert.Equal(BusErrorCode.UnknownDelivery, neverGiven.Code);

        Assert.Equal(SettleOutcome.Settled, await sub.AckAsync(d.Record.Id));
        Assert.Equal(1, await Watermark("input", "g"));
    }
}
