using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>
/// Refills of a member whose window limited its last claim (<c>ClaimRefill</c>): it may wait for a quarter of its window
/// to be free before claiming, but never beyond a few milliseconds, and never past its window.
/// </summary>
public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task WindowBoundMember_HoldingItsDeliveries_StillGetsASingleFreedSlot_AndNoMore()
    {
        // A consumer that keeps 31 deliveries open while it waits for the next: the freed slot below the refill
        // threshold (8 of 32) must still be filled, a little later at most.
        await PublishTexts("jobs", Enumerable.Range(1, 40).Select(i => i.ToString()).ToArray());
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "hold", Opts(StartPosition.Earliest, window: 32));
        var first = await sub.ReceiveMany(32);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), first.Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(100);

        await first[0].AckAsync();
        Assert.Equal(33, (await sub.ReceiveWithin(2000)).Record.Offset);
        await sub.AssertNothingWithin(100);
        Assert.Equal(32, sub.InFlightCount);
    }

    [Fact]
    public async Task WindowBoundMember_RefillsAQuarterOfItsWindow_InOffsetOrder_NeverMoreThanTheWindow()
    {
        await PublishTexts("jobs", Enumerable.Range(1, 20).Select(i => i.ToString()).ToArray());
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "quarter", Opts(StartPosition.Earliest, window: 8));
        var first = await sub.ReceiveMany(8);
        await first[0].AckAsync();
        await first[1].AckAsync(); // a quarter of the window is free: claimed at once

        var refill = await sub.ReceiveMany(2, 2000);
        Assert.Equal([9L, 10L], refill.Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(100);
        Assert.Equal(8, sub.InFlightCount);
    }

    [Fact]
    public async Task WindowBoundMember_WhenTheLogRunsDry_ClaimsTheNextPublishAtOnce()
    {
        // The last claim found fewer records than slots (the log limited it): a new record wakes it as before.
        await PublishTexts("jobs", "1", "2", "3");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "dry", Opts(StartPosition.Earliest, window: 2));
        var first = await sub.ReceiveMany(2);
        await first[0].AckAsync();
        await first[1].AckAsync();
        Assert.Equal(3, (await sub.ReceiveWithin()).Record.Offset);
        await PublishTexts("jobs", "4");
        Assert.Equal(4, (await sub.ReceiveWithin(2000)).Record.Offset);
    }
}
