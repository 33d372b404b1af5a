using System;
using System.Threading.Tasks;
using Prom.Bridge.Ring;
using Xunit;

namespace Prom.Bridge.Tests.Ring;

/// <summary><see cref="SmallCallTransport.Adaptive"/>: the choice between ring and pipe, and a bridge that uses it.</summary>
public sealed class AdaptiveTransportTests
{
    [Fact]
    public void Choice_MeasuresBoth_ThenTakesTheFaster_ExploresTheOther_AndFollowsAChange()
    {
        var choice = new TransportChoice();
        Assert.True(choice.PreferRing()); // nothing measured: the ring first
        choice.Record(viaRing: true, 100);
        Assert.True(choice.PreferRing()); // until both are measured, even calls take the ring
        Assert.False(choice.PreferRing()); // and odd ones the pipe
        choice.Record(viaRing: false, 1000);
        Assert.Equal((100L, 1000L), choice.Averages);

        int ring = 0;
        int pipe = 0;
        for (int i = 0; i < 640; i++)
        {
            if (choice.PreferRing())
            {
                ring++;
            }
            else
            {
                pipe++;
            }
        }

        Assert.Equal(10, pipe); // every 64th lone call tries the slower transport
        Assert.Equal(630, ring);

        // The ring turns slow (a loaded machine): outliers are clipped at 4x the average, so it takes a few calls.
        for (int i = 0; i < 40 && choice.Averages.Ring <= choice.Averages.Pipe; i++)
        {
            choice.Record(viaRing: true, 100_000);
        }

        Assert.True(choice.Averages.Ring > choice.Averages.Pipe, $"averages {choice.Averages}");
        int ringAfter = 0;
        for (int i = 0; i < 64; i++)
        {
            ringAfter += choice.PreferRing() ? 1 : 0;
        }

        Assert.Equal(1, ringAfter); // now the pipe, with the ring explored once in 64
    }

    [Fact]
    public async Task AdaptiveBridge_MeasuresBothTransports_AndAnswersEveryCallRightly()
    {
        await using PyBridge py = await PyBridge.StartAsync(SharedRingTests.RingOptions(transport: SmallCallTransport.Adaptive));
        Assert.True(py.UsesSharedMemoryRing);
        PyPath ops = py.Import("operator");
        for (long i = 0; i < 3000; i++)
        {
            Assert.Equal(-i, await ops.Call<long>("neg", i));
        }

        (long ringTicks, long pipeTicks) = py.TransportAverages;
        Assert.True(ringTicks > 0 && pipeTicks > 0, $"averages ring {ringTicks}, pipe {pipeTicks}: both transports are timed");
        PyBridgeStats stats = await py.GetStatsAsync();
        Assert.Equal(stats.RequestsSent, stats.PythonRequests);
        Assert.True(py.IsAlive);
    }
}
