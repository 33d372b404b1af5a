using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bridge.Tests.Ring;

/// <summary>Small calls through the shared-memory ring (<see cref="SmallCallTransport.SharedMemory"/>): right answers, the pipe for the rest, limits that still hold.</summary>
public sealed class SharedRingTests
{
    internal static PyBridgeOptions RingOptions(int maxInFlight = 64, SmallCallTransport transport = SmallCallTransport.SharedMemory)
    {
        PyBridgeOptions options = TestPython.Options(maxInFlight);
        options.SmallCalls = transport;
        return options;
    }

    [Fact]
    public async Task SmallCalls_GoThroughTheRing_LargeOnesThroughThePipe_AllAnsweredRightly()
    {
        await using PyBridge py = await PyBridge.StartAsync(RingOptions());
        Assert.True(py.UsesSharedMemoryRing);
        Assert.False(File.Exists(py.RingPath), "the ring's file name is removed once Python has mapped it");
        PyPath math = py.Import("math");
        for (int i = 0; i < 2000; i++)
        {
            Assert.Equal(Math.Sqrt(i), await math.Call<double>("sqrt", (double)i));
        }

        byte[] big = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray(); // beyond a 64 KiB slot: the pipe, both ways
        Assert.Equal(big, await py.Builtins.Call<byte[]>("bytes", big));
        Assert.Equal(new string('é', 40_000), await py.Import("operator").Call<string>("mul", "é", 40_000));
        await py.PingAsync();
        Assert.Equal(2.0, await math.Call<double>("sqrt", 4.0));
        PyBridgeStats stats = await py.GetStatsAsync();
        Assert.Equal(stats.RequestsSent, stats.PythonRequests);
    }

    [Fact]
    public async Task ConcurrentAndSequentialCalls_MixRingAndPipe_InRequestOrder()
    {
        await using PyBridge py = await PyBridge.StartAsync(RingOptions(maxInFlight: 8));
        PyPath ops = py.Import("operator");
        for (int round = 0; round < 20; round++)
        {
            Task<long>[] concurrent = Enumerable.Range(0, 50).Select(i => ops.Call<long>("neg", (long)(round * 1000 + i))).ToArray();
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(-i, await ops.Call<long>("neg", (long)i)); // alone or behind the others: either transport
            }

            long[] results = await Task.WhenAll(concurrent);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => -(long)(round * 1000 + i)), results);
        }
    }

    [Theory]
    [InlineData(SmallCallTransport.SharedMemory)]
    [InlineData(SmallCallTransport.Adaptive)]
    public async Task TimeoutAndCancellation_StillHold_ForRingCalls(SmallCallTransport transport)
    {
        PyBridgeOptions options = RingOptions(transport: transport);
        options.AbandonedCallGrace = TimeSpan.FromSeconds(30);
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyPath time = py.Import("time");
        await py.PingAsync();

        var watch = Stopwatch.StartNew();
        // Each sleep outlasts its timeout by seconds, so a late timer on a busy machine still fires before the answer.
        await Assert.ThrowsAsync<TimeoutException>(() => time.WithTimeout(TimeSpan.FromMilliseconds(300)).Call("sleep", 3.0));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.9), $"the timeout fired after {watch.Elapsed}");

        using var cancel = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        watch.Restart();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => time.WithCancellation(cancel.Token).Call("sleep", 3.0));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.9), $"the cancellation took {watch.Elapsed}");

        Assert.Equal(3.0, await py.Import("math").Call<double>("sqrt", 9.0)); // behind both sleeps, then through the ring again
        Assert.True(py.IsAlive);
    }

    [Fact]
    public async Task ChildExitDuringARingCall_FailsTheCallPromptly()
    {
        await using PyBridge py = await PyBridge.StartAsync(RingOptions());
        await py.PingAsync();
        var watch = Stopwatch.StartNew();
        PythonProcessExitedException e = await Assert.ThrowsAsync<PythonProcessExitedException>(() => py.Import("os").Call("_exit", 3));
        Assert.Equal(3, e.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.False(py.IsAlive);
    }
}

/// <summary>No core burnt while idle: after a burst of ring calls (both sides spinning), an idle second costs almost no CPU.</summary>
[Collection(IdleCpuCollection.Name)]
public sealed class SharedRingIdleCpuTests
{
    [Fact]
    public async Task AfterABurstOfRingCalls_AnIdleSecond_CostsNeitherProcessACore()
    {
        await using PyBridge py = await PyBridge.StartAsync(SharedRingTests.RingOptions());
        Assert.True(py.UsesSharedMemoryRing);
        PyPath math = py.Import("math");
        for (int i = 0; i < 5000; i++)
        {
            await math.Call<double>("sqrt", 16.0);
        }

        // A spinning side costs about a whole idle second of CPU in every window; a blip from something else in the
        // process (a thread-pool worker retiring, a timer) lands in one window, not all three. The bounds are generous
        // for a loaded machine, not a speed target.
        string lastWindow = "";
        for (int window = 0; window < 3; window++)
        {
            TimeSpan childBefore = Cpu($"/proc/{py.ProcessId}/stat");
            Dictionary<string, TimeSpan> hostBefore = HostThreadsCpu();
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(1));
            TimeSpan child = Cpu($"/proc/{py.ProcessId}/stat") - childBefore;
            TimeSpan host = CpuSince(hostBefore, HostThreadsCpu());
            wall.Stop();
            if (child < TimeSpan.FromMilliseconds(100) && host < TimeSpan.FromMilliseconds(150))
            {
                Assert.Equal(4.0, await math.Call<double>("sqrt", 16.0)); // and it still answers
                return;
            }

            lastWindow = $"window {window}: the idle child used {child.TotalMilliseconds} ms and the host's threads {host.TotalMilliseconds} ms of CPU in {wall.Elapsed}";
        }

        Assert.Fail($"every idle second cost a busy side's CPU; last {lastWindow}");
    }

    /// <summary>
    /// CPU of each of this process's threads by thread id, without the runtime's own background workers (tiered JIT
    /// recompiling the methods the burst made hot, GC, finalizer): those run after any burst of work, ring or not.
    /// </summary>
    private static Dictionary<string, TimeSpan> HostThreadsCpu()
    {
        var threads = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (!name.StartsWith(".NET Tiered", StringComparison.Ordinal) && !name.Contains("GC", StringComparison.Ordinal) && !name.Contains("Finalizer", StringComparison.Ordinal))
                {
                    threads[Path.GetFileName(task)] = Cpu(Path.Combine(task, "stat"));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return threads;
    }

    /// <summary>CPU spent between two snapshots; a thread born in between counts whole, one that ended counts nothing.</summary>
    private static TimeSpan CpuSince(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after)
    {
        TimeSpan total = TimeSpan.Zero;
        foreach ((string thread, TimeSpan now) in after)
        {
            total += now - before.GetValueOrDefault(thread);
        }

        return total;
    }

    /// <summary>User + system time of a process or thread from its /proc stat file (clock ticks of 1/100 s).</summary>
    private static TimeSpan Cpu(string statFile)
    {
        string stat = File.ReadAllText(statFile);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}

/// <summary>Runs alone: other tests' CPU in this process would otherwise count as the host's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IdleCpuCollection
{
    public const string Name = "Idle CPU";
}
