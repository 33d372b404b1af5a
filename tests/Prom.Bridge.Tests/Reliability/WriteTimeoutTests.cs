using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Reliability;

/// <summary>Timeouts and cancellation hold while a request is still being written (Python busy, pipe full).</summary>
public sealed class WriteTimeoutTests
{
    private const int HundredMegabytes = 100_000_000;

    [Fact]
    public async Task HundredMegabyteArgumentBehindABusyCall_TimesOutOnTime_AndTheBridgeStaysUsable()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        Task busy = py.Import("time").Call("sleep", 4.0);
        byte[] big = new byte[HundredMegabytes];
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => py.Builtins.WithTimeout(TimeSpan.FromMilliseconds(700)).Call<long>("len", big));

        TimeSpan waited = watch.Elapsed;
        Assert.True(waited < TimeSpan.FromSeconds(2.5), $"the 0.7 s timeout fired after {waited}");
        await busy;
        Assert.Equal(5L, await py.Builtins.Call<long>("len", new byte[5])); // the torn-off big request was finished, not torn
        Assert.Equal(0, (await py.GetStatsAsync()).InFlight);
    }

    [Fact]
    public async Task HundredMegabyteArgumentBehindABusyCall_IsCancelledOnTime_AndSoIsTheCallQueuedBehindIt()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        Task busy = py.Import("time").Call("sleep", 4.0);
        byte[] big = new byte[HundredMegabytes];
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var watch = Stopwatch.StartNew();

        Task<long> writing = py.Builtins.WithCancellation(cts.Token).Call<long>("len", big);
        Task<long> behind = py.Builtins.WithCancellation(cts.Token).Call<long>("len", new byte[3]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writing);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => behind);
        TimeSpan waited = watch.Elapsed;
        Assert.True(waited < TimeSpan.FromSeconds(2.5), $"the 0.7 s token was observed after {waited}");
        await busy;
        Assert.Equal(2L, await py.Builtins.Call<long>("len", new byte[2]));
    }
}
