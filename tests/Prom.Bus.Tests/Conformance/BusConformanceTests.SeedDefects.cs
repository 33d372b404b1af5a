using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>One test per defect the issue lists in the seed code; each would fail if the defect came back.</summary>
public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task SeedDefect_NoDuplicateDeliveryWhileEventsAreInFlight()
    {
        await PublishTexts("seed", "1", "2", "3");
        await using Subscription sub = await Bus.SubscribeAsync("seed", "g", Opts(StartPosition.Earliest, window: 10));
        var got = await sub.ReceiveMany(3);
        Assert.Equal(3, got.Select(d => d.Record.Id).Distinct().Count());
        await sub.AssertNothingWithin(300); // the seed re-read from the committed offset and sent them again
    }

    [Fact]
    public async Task SeedDefect_AckNeverMovesTheCursorBackwards_NorSkipsAnUnackedEvent()
    {
        await PublishTexts("seed", "1", "2", "3");
        await using Subscription sub = await Bus.SubscribeAsync("seed", "g", Opts(StartPosition.Earliest, window: 10));
        var d = (await sub.ReceiveMany(3)).ToDictionary(x => x.Record.Offset);
        await d[3].AckAsync();
        Assert.Equal(0, await Watermark("seed", "g")); // the seed's commitMax jumped to 3, skipping 1 and 2
        await d[1].AckAsync();
        await d[2].AckAsync();
        Assert.Equal(3, await Watermark("seed", "g"));
        await d[1].AckAsync(); // late duplicate: the seed moved the cursor back to 1
        Assert.Equal(3, await Watermark("seed", "g"));
    }

    [Fact]
    public async Task SeedDefect_AFilterNeverStallsTheSubscription()
    {
        await PublishTexts("seed", "skip", "skip", "keep");
        SubscriptionOptions o = Opts(StartPosition.Earliest, window: 2);
        o.Filter = r => r.Text() == "\"keep\"";
        await using Subscription sub = await Bus.SubscribeAsync("seed", "g", o);
        Assert.Equal(3, (await sub.ReceiveWithin()).Record.Offset);
        Assert.Equal(2, await Watermark("seed", "g"));
    }

    [Fact]
    public async Task SeedDefect_TheAttemptCounterIncrementsOnEveryRedelivery()
    {
        await PublishTexts("seed", "x");
        await using Subscription sub = await Bus.SubscribeAsync("seed", "g", Opts(StartPosition.Earliest));
        for (int expected = 1; expected <= 3; expected++)
        {
            Delivery d = await sub.ReceiveWithin();
            Assert.Equal(expected, d.Attempt);
            await d.NackAsync("again", System.TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task SeedDefect_RedeliveryGoesToALiveMember_NotToTheClosedOne()
    {
        await UseFakeClock();
        await PublishTexts("seed", "x");
        Subscription closed = await Bus.SubscribeAsync("seed", "g", Opts(StartPosition.Earliest, ackMs: 150));
        await closed.ReceiveWithin();
        await closed.DisposeAsync();
        await using Subscription live = await Bus.SubscribeAsync("seed", "g", Opts(StartPosition.Earliest, ackMs: 150));
        (Delivery d, _) = await ReceiveAdvancing(live, System.TimeSpan.FromMilliseconds(150));
        Assert.Equal(2, d.Attempt);
        await d.AckAsync();
        Assert.Equal(1, await Watermark("seed", "g"));
    }
}
