using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Reliability;

/// <summary>
/// The policy for a call that timed out while Python keeps running it: the bridge reports itself busy, waits
/// <see cref="PyBridgeOptions.AbandonedCallGrace"/> for the late answer, then kills the child so that later calls fail
/// at once with a message naming the stuck request, instead of all timing out behind it.
/// </summary>
public sealed class AbandonedCallTests
{
    [Fact]
    public async Task CallStuckAfterItsTimeout_MakesTheBridgeBusy_ThenTheChildIsKilledAfterTheGrace()
    {
        var options = TestPython.Options();
        options.AbandonedCallGrace = TimeSpan.FromMilliseconds(800);
        await using PyBridge py = await PyBridge.StartAsync(options);

        await Assert.ThrowsAsync<TimeoutException>(() => py.Import("time").WithTimeout(TimeSpan.FromMilliseconds(100)).Call("sleep", 1e6));
        bool busyDuringGrace = py.IsBusy;
        bool aliveDuringGrace = py.IsAlive;
        Task<double> queued = py.Import("math").Call<double>("sqrt", 4);
        var watch = Stopwatch.StartNew();
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(busyDuringGrace);
        Assert.True(aliveDuringGrace);
        Assert.False(py.IsAlive);
        var queuedError = await Assert.ThrowsAsync<PythonProcessExitedException>(() => queued);
        Assert.Contains("timed out", queuedError.Message);
        var later = await Assert.ThrowsAsync<PythonProcessExitedException>(() => py.PingAsync());
        Assert.Same(queuedError, later);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the kill came {watch.Elapsed} after the timeout");
    }

    [Fact]
    public async Task CallThatFinishesWithinTheGrace_LeavesTheBridgeAliveAndNotBusy()
    {
        var options = TestPython.Options();
        options.AbandonedCallGrace = TimeSpan.FromSeconds(20);
        await using PyBridge py = await PyBridge.StartAsync(options);

        // The sleep outlasts the timeout by seconds, so a late timer on a busy machine still fires before the answer.
        await Assert.ThrowsAsync<TimeoutException>(() => py.Import("time").WithTimeout(TimeSpan.FromMilliseconds(100)).Call("sleep", 2.0));
        Assert.True(py.IsBusy);
        Assert.Equal(3.0, await py.Import("math").Call<double>("sqrt", 9)); // answered after the late one

        Assert.False(py.IsBusy);
        Assert.True(py.IsAlive);
    }

    [Fact]
    public async Task PoolSkipsABusyBridge()
    {
        var options = TestPython.Options();
        options.AbandonedCallGrace = TimeSpan.FromSeconds(20);
        await using PyBridgePool pool = await PyBridgePool.StartAsync(2, options);
        PyBridge first = pool.Bridges[0];

        await Assert.ThrowsAsync<TimeoutException>(() => first.Import("time").WithTimeout(TimeSpan.FromMilliseconds(100)).Call("sleep", 2.0));

        for (int i = 0; i < 4; i++)
        {
            Assert.Same(pool.Bridges[1], pool.Next());
        }
    }
}
