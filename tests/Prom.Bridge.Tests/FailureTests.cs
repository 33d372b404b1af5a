using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task OsExitThree_FailsThatCallAndEveryQueuedCallPromptly_WithExitCodeThree()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(maxInFlight: 4));
        PyPath time = py.Import("time");
        Task[] before = Enumerable.Range(0, 3).Select(_ => time.Call("sleep", 0.05)).ToArray();
        var watch = Stopwatch.StartNew();

        Task exit = py.Import("os").Call("_exit", 3);
        Task<double>[] queued = Enumerable.Range(0, 50).Select(i => py.Import("math").Call<double>("sqrt", i)).ToArray();

        var error = await Assert.ThrowsAsync<PythonProcessExitedException>(() => exit);
        foreach (Task<double> call in queued)
        {
            var queuedError = await Assert.ThrowsAsync<PythonProcessExitedException>(() => call);
            Assert.Equal(3, queuedError.ExitCode);
        }

        await Task.WhenAll(before);
        Assert.Equal(3, error.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.False(py.IsAlive);
        var later = await Assert.ThrowsAsync<PythonProcessExitedException>(() => py.PingAsync());
        Assert.Equal(3, later.ExitCode);
    }

    [Fact]
    public async Task ChildKilledWhileIdle_EndsTheBridge_AndLaterCallsFailWithTheExit()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        await py.PingAsync();

        using (Process child = Process.GetProcessById(py.ProcessId))
        {
            child.Kill();
        }

        await py.Completion.WaitAsync(TimeSpan.FromSeconds(10)); // nothing was in flight: the exit alone ends it
        Assert.False(py.IsAlive);
        await Assert.ThrowsAsync<PythonProcessExitedException>(() => py.PingAsync());
    }

    [Fact]
    public async Task Timeout_FailsTheCall_TheLateAnswerIsDiscarded_AndTheBridgeStaysUsable()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            import time
            def slow(x):
                time.sleep(0.5)
                return [x, object()]
            """);
        PyBridgeStats baseline = await py.GetStatsAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => code.WithTimeout(TimeSpan.FromMilliseconds(100)).Call<object>("slow", "late"));
        long next = await py.Import("operator").Call<long>("add", 40, 2);

        Assert.Equal(42, next); // its own answer, not the late list
        PyBridgeStats after = await py.GetStatsAsync();
        Assert.Equal(baseline.PythonObjects, after.PythonObjects); // the handle in the late answer was released
        Assert.Equal(0, after.InFlight); // the late answer gave its window slot back
    }

    [Fact]
    public async Task Cancellation_FailsTheCall_AndTheBridgeStaysUsable()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => py.Import("time").WithCancellation(cts.Token).Call("sleep", 0.5));
        using var already = new CancellationTokenSource();
        already.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => py.Import("math").WithCancellation(already.Token).Call<double>("sqrt", 4));

        Assert.Equal(3.0, await py.Import("math").Call<double>("sqrt", 9));
    }

    [Fact]
    public async Task QueuedCallsTimeOutWhileWaitingForTheWindow()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(maxInFlight: 1));
        Task blocker = py.Import("time").Call("sleep", 0.6);

        await Assert.ThrowsAsync<TimeoutException>(() => py.Import("math").WithTimeout(TimeSpan.FromMilliseconds(100)).Call<double>("sqrt", 4));
        await blocker;

        Assert.Equal(2.0, await py.Import("math").Call<double>("sqrt", 4));
    }

    [Fact]
    public async Task PrintAndWritesToFdOne_NeverCorruptTheProtocol_AndReachTheLog()
    {
        var log = new CountingLoggerFactory();
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(logging: log));
        PyObject code = await PythonCode.DefineAsync(py, """
            import os, sys
            def noisy():
                print("hello from print\n" * 1000)
                sys.stdout.write("raw stdout\n")
                sys.stdout.flush()
                os.write(1, b"\x00\x00\x00\x05\x01garbage-on-fd-1\n")
                sys.__stdout__.write("dunder stdout\n")
                sys.__stdout__.flush()
                input_value = sys.stdin.read()
                return "quiet " + repr(input_value)
            """);

        string result = await code.Call<string>("noisy");
        double next = await py.Import("math").Call<double>("sqrt", 16);

        Assert.Equal("quiet ''", result);
        Assert.Equal(4.0, next);
        await WaitUntil(() => log.Recent.Any(line => line.Contains("dunder stdout")));
        Assert.True(log.Lines >= 1000);
    }

    [Fact]
    public async Task TenMegabytesOfStderr_DoNotDeadlock_AndAreLogged()
    {
        var log = new CountingLoggerFactory();
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options(logging: log));
        PyObject code = await PythonCode.DefineAsync(py, """
            import sys
            def shout():
                line = "e" * 99 + "\n"
                for _ in range(100_000):
                    sys.stderr.write(line)
                sys.stderr.flush()
                return 42
            """);

        int answer = await code.WithTimeout(TimeSpan.FromSeconds(60)).Call<int>("shout");

        Assert.Equal(42, answer);
        await WaitUntil(() => log.Lines >= 100_000);
        Assert.True(log.Chars >= 100_000 * 99);
    }

    [Fact]
    public async Task MissingInterpreter_FailsFast_NamingIt()
    {
        var watch = Stopwatch.StartNew();
        var options = TestPython.Options();
        options.PythonExecutable = "/no/such/python3.99";

        var error = await Assert.ThrowsAsync<BridgeStartException>(() => PyBridge.StartAsync(options));

        Assert.Contains("/no/such/python3.99", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/echo")]
    [InlineData("/bin/true")]
    public async Task WrongInterpreter_FailsFast_WithAClearMessage(string program)
    {
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"{program} is part of every Linux image this runs on");
        }

        var options = TestPython.Options();
        options.PythonExecutable = program;
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<BridgeStartException>(() => PyBridge.StartAsync(options));

        Assert.Contains(program, error.Message);
        Assert.Contains("handshake", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task DisposedBridge_RejectsCalls_AndStopsTheChild()
    {
        PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        int pid = py.ProcessId;

        await py.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => py.PingAsync());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "condition not reached in 20 s");
            await Task.Delay(20);
        }
    }
}
