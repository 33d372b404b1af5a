using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ThousandConcurrentCalls_WithWindowFour_NeverExceedFour_AndEachGetsItsOwnValue()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(maxInFlight: 4));
        PyPath ops = py.Import("operator");
        int maxSeen = 0;

        Task<long>[] calls = Enumerable.Range(0, 1000).Select(async i =>
        {
            Task<long> call = ops.Call<long>("neg", -i);
            int now = py.InFlight;
            InterlockedMax(ref maxSeen, now);
            Assert.InRange(now, 0, 4);
            return await call;
        }).ToArray();
        long[] results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), results);
        PyBridgeStats stats = await py.GetStatsAsync();
        Assert.Equal(4, stats.MaxInFlightObserved);
        Assert.True(maxSeen > 1, "calls were pipelined");
    }

    [Fact]
    public async Task PipelinedCalls_AreAnsweredInParallelWithTheWriter()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyPath builtins = py.Builtins;
        var watch = Stopwatch.StartNew();

        int[] lengths = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => builtins.Call<int>("len", new string('x', i % 50))));

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i % 50), lengths);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.InRange((await py.GetStatsAsync()).MaxInFlightObserved, 2, 64);
    }

    [Fact]
    public async Task SpinBeforeAwait_GivesTheSameAnswers_ForSequentialAndConcurrentCalls()
    {
        PyBridgeOptions options = TestPython.Options();
        options.SpinBeforeAwait = TimeSpan.FromMicroseconds(50);
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyPath ops = py.Import("operator");

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(-i, await ops.Call<long>("neg", i));
        }

        long[] concurrent = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => ops.Call<long>("neg", i)));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)-i), concurrent);
    }

    [Fact]
    public async Task AContinuationThatBlocksOnAnotherCall_DoesNotDeadlock()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());

        Task<double> outer = Task.Run(async () =>
        {
            double a = await py.Import("math").Call<double>("sqrt", 16);
            // This continuation may run on the thread that received the answer: block it on a second answer.
            double b = py.Import("math").Call<double>("sqrt", 81).GetAwaiter().GetResult();
            return a + b;
        });

        Assert.Equal(13.0, await outer.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ASlowContinuation_DoesNotDelayOtherAnswers()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        using var release = new ManualResetEventSlim();
        Task slow = Task.Run(async () =>
        {
            await py.Import("math").Call<double>("sqrt", 4);
            release.Wait(TimeSpan.FromSeconds(20)); // holds whatever thread runs this continuation
        });
        await Task.Delay(100);

        long[] others = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => py.Import("operator").Call<long>("neg", i)))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)-i), others);
        Assert.False(slow.IsCompleted);
        release.Set();
        await slow.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = System.Threading.Volatile.Read(ref target)))
        {
            System.Threading.Interlocked.CompareExchange(ref target, value, current);
        }
    }
}
