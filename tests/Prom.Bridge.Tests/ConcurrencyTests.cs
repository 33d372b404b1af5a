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
        // Without the lone-call wait, calls started in a loop are all in flight together (with it, each quick call
        // would be answered before the loop starts the next; see the test after this one).
        PyBridgeOptions options = TestPython.Options(maxInFlight: 4);
        options.LoneCallWait = TimeSpan.Zero;
        await using PyBridge py = await PyBridge.StartAsync(options);
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
    public async Task ThousandCallsFromManyThreads_WithDefaultOptionsAndWindowFour_NeverExceedFour_AndEachGetsItsOwnValue()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(maxInFlight: 4));
        PyPath ops = py.Import("operator");
        int maxSeen = 0;

        long[] results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            Task<long> call = ops.Call<long>("neg", -i);
            InterlockedMax(ref maxSeen, py.InFlight);
            return await call;
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), results);
        Assert.InRange(maxSeen, 0, 4);
        Assert.InRange((await py.GetStatsAsync()).MaxInFlightObserved, 1, 4);
    }

    [Fact]
    public async Task LoneCall_IsAnsweredOnTheCallingThread_BeforeTheCallReturns()
    {
        PyBridgeOptions options = TestPython.Options();
        options.LoneCallWait = TimeSpan.FromSeconds(10); // generous, so that a loaded machine cannot make this flaky
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyPath math = py.Import("math");

        for (int i = 0; i < 20; i++)
        {
            Task ping = py.PingAsync();
            Task<double> root = math.Call<double>("sqrt", i * i);

            Assert.True(ping.IsCompletedSuccessfully, "the ping was read by its caller");
            Assert.True(root.IsCompletedSuccessfully, "the call was read by its caller");
            Assert.Equal(i, await root);
        }

        await Assert.ThrowsAsync<PythonException>(() => py.Import("operator").Call<double>("truediv", 1, 0)); // errors too
        Assert.Equal(0, py.InFlight);
    }

    [Fact]
    public async Task LoneCalls_AllocateOnlyTheirBookkeeping_NoJsonWriterOrBufferPerCall()
    {
        PyBridgeOptions options = TestPython.Options();
        options.LoneCallWait = TimeSpan.FromSeconds(10); // every answer is read on this thread: all allocations are seen here
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyPath math = py.Import("math");
        for (int i = 0; i < 50; i++)
        {
            await py.PingAsync();
            await math.Call<double>("sqrt", 16);
        }

        int thread = Environment.CurrentManagedThreadId;
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            await py.PingAsync();
        }

        long afterPings = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            await math.Call<double>("sqrt", 16);
        }

        long afterCalls = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(thread, Environment.CurrentManagedThreadId); // completed synchronously throughout
        long perPing = (afterPings - start) / 100;
        long perCall = (afterCalls - afterPings) / 100;
        // Measured 336 B and 832 B: the pending call (with its written/stuck state and the slots for a grace timer and
        // lent segments, 48 B more than before issue 15), its task, the path objects and boxes. The JSON writer, its
        // buffer and the outgoing-message list are reused; answer property names are compared in place.
        Assert.True(perPing <= 352, $"a ping allocated {perPing} B");
        Assert.True(perCall <= 900, $"a math.sqrt call allocated {perCall} B");
    }

    [Fact]
    public async Task AnswerSlowerThanTheLoneCallWait_IsReadByAReaderThread()
    {
        PyBridgeOptions options = TestPython.Options();
        options.LoneCallWait = TimeSpan.FromMilliseconds(1);
        await using PyBridge py = await PyBridge.StartAsync(options);

        Task sleep = py.Import("time").Call("sleep", 0.2);

        Assert.False(sleep.IsCompleted, "the caller stopped waiting after 1 ms");
        await sleep.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(4.0, await py.Import("math").Call<double>("sqrt", 16)); // and the next lone call reads again
    }

    [Fact]
    public async Task PipelinedCalls_AreAnsweredInParallelWithTheWriter()
    {
        await using PyBridge py = await PyBridge.StartAsync(OptionsWith(loneCallWait: false)); // calls started in a loop pipeline
        PyPath builtins = py.Builtins;
        var watch = Stopwatch.StartNew();

        int[] lengths = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => builtins.Call<int>("len", new string('x', i % 50))));

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i % 50), lengths);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.InRange((await py.GetStatsAsync()).MaxInFlightObserved, 2, 64);
    }

    [Fact]
    public async Task WithoutLoneCallWait_SequentialAndConcurrentCallsGetTheSameAnswers()
    {
        PyBridgeOptions options = TestPython.Options();
        options.LoneCallWait = TimeSpan.Zero;
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyPath ops = py.Import("operator");

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(-i, await ops.Call<long>("neg", i));
        }

        long[] concurrent = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => ops.Call<long>("neg", i)));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)-i), concurrent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AContinuationThatBlocksOnAnotherCall_DoesNotDeadlock(bool loneCallWait)
    {
        await using PyBridge py = await PyBridge.StartAsync(OptionsWith(loneCallWait));

        Task<double> outer = Task.Run(async () =>
        {
            double a = await py.Import("math").Call<double>("sqrt", 16);
            // This continuation may run on the thread that received the answer: block it on a second answer.
            double b = py.Import("math").Call<double>("sqrt", 81).GetAwaiter().GetResult();
            return a + b;
        });

        Assert.Equal(13.0, await outer.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASlowContinuation_DoesNotDelayOtherAnswers(bool loneCallWait)
    {
        await using PyBridge py = await PyBridge.StartAsync(OptionsWith(loneCallWait));
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

    /// <summary>With the lone-call wait off, every answer is read, and its continuation run, by a reader thread.</summary>
    private static PyBridgeOptions OptionsWith(bool loneCallWait)
    {
        PyBridgeOptions options = TestPython.Options();
        if (!loneCallWait)
        {
            options.LoneCallWait = TimeSpan.Zero;
        }

        return options;
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
