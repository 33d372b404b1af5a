using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task WindowTwo_FiveRecordsNoAcks_ExactlyTwoDelivered_AckOfOffsetOneGivesExactlyOneMore()
    {
        await PublishTexts("jobs", "1", "2", "3", "4", "5");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "w", Opts(StartPosition.Earliest, window: 2));
        var first = await sub.ReceiveMany(2);
        Assert.Equal([1L, 2L], first.Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(200);

        await first[0].AckAsync();
        Assert.Equal(3, (await sub.ReceiveWithin()).Record.Offset);
        await sub.AssertNothingWithin(200);
    }

    [Fact]
    public async Task OutOfOrderAcks_WatermarkAdvancesOnlyOverTheContiguousSettledPrefix()
    {
        await PublishTexts("jobs", "1", "2", "3", "4", "5");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "wm", Opts(StartPosition.Earliest, window: 5));
        var d = (await sub.ReceiveMany(5)).ToDictionary(x => x.Record.Offset);
        await d[1].AckAsync();
        Assert.Equal(1, await Watermark("jobs", "wm"));

        await d[4].AckAsync();
        Assert.Equal(1, await Watermark("jobs", "wm"));
        await d[2].AckAsync();
        Assert.Equal(2, await Watermark("jobs", "wm"));
        await d[3].AckAsync();
        Assert.Equal(4, await Watermark("jobs", "wm"));
    }

    [Fact]
    public async Task LateDuplicateAck_IsAlreadySettled_AndNeverMovesTheWatermarkBackwards()
    {
        await PublishTexts("jobs", "1", "2", "3");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "dup", Opts(StartPosition.Earliest));
        var all = await sub.ReceiveMany(3);
        foreach (Delivery x in all)
        {
            Assert.Equal(SettleOutcome.Settled, await x.AckAsync());
        }

        Assert.Equal(3, await Watermark("jobs", "dup"));
        Assert.Equal(SettleOutcome.AlreadySettled, await Store.AckAsync(new DeliveryRef("jobs", "dup", 0, 1, 1)));
        Assert.Equal(3, await Watermark("jobs", "dup"));
    }

    [Fact]
    public async Task AckOfALaterRecord_NeverSkipsAnUnackedEarlierOne()
    {
        await PublishTexts("jobs", "1", "2");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "skip", Opts(StartPosition.Earliest));
        var both = await sub.ReceiveMany(2);
        await both[1].AckAsync();
        Assert.Equal(0, await Watermark("jobs", "skip"));
    }
}
