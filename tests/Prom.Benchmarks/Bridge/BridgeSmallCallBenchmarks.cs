using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// Issue 15's small-call target: the median of sequential <c>math.sqrt(16.0)</c> calls ≤ 10 µs. Each invocation makes
/// 1,000 calls back to back on one transport and times every call; <see cref="Report"/> prints the median, tails and
/// mean of all of them (every invocation is kept, warm-up included) at the end of each case. Rows: the raw 8-byte pipe
/// echo through the same /usr/bin/python3 (baseline), the untyped bridge call through the shared-memory ring
/// (<see cref="SmallCallTransport.SharedMemory"/>), through the pipe (the default) and with
/// <see cref="SmallCallTransport.Adaptive"/>, the generated wrapper <c>MathModule.Sqrt</c> on the ring bridge (against
/// the untyped ring row), and pythonnet 3.2.1 in process.
/// Run with <c>--inProcess</c> (pythonnet loads libpython into this process).
/// </summary>
public class BridgeSmallCallBenchmarks
{
    private const int Calls = 1000;
    private const int Capacity = 1 << 21;
    private readonly long[] _samples = new long[Capacity];
    private int _count;
    private string _case = "";
    private RawPipeEcho _echo = null!;
    private PyBridge _adaptive = null!;
    private PyBridge _ring = null!;
    private PyBridge _pipe = null!;
    private PyPath _adaptiveMath = null!;
    private PyPath _ringMath = null!;
    private PyPath _pipeMath = null!;
    private MathModule _typed = null!;
    private InProcessPython _inProcess = null!;

    [GlobalSetup]
    public void Setup()
    {
        _echo = new RawPipeEcho(BenchPython.Executable, 8);
        _adaptive = Start(SmallCallTransport.Adaptive);
        _ring = Start(SmallCallTransport.SharedMemory);
        _pipe = Start(SmallCallTransport.Pipe);
        _adaptiveMath = _adaptive.Import("math");
        _ringMath = _ring.Import("math");
        _pipeMath = _pipe.Import("math");
        _typed = new MathModule(_ring);
        _inProcess = new InProcessPython();
        _count = 0;
    }

    private static PyBridge Start(SmallCallTransport transport)
    {
        PyBridgeOptions options = BenchPython.Options();
        options.SmallCalls = transport;
        return PyBridge.StartAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Report()
    {
        int n = Math.Min(_count, Capacity);
        if (n > 0)
        {
            Console.WriteLine($"// small calls, {_case}: {n:N0} sequential calls: {Timings.Describe(_samples, n)}"
                + $" (ring in use: {_ring.UsesSharedMemoryRing}; adaptive ring/pipe averages {Timings.Micro(_adaptive.TransportAverages.Ring):F1}/{Timings.Micro(_adaptive.TransportAverages.Pipe):F1} us)");
        }

        _echo.Dispose();
        _adaptive.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _ring.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _pipe.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "raw 8-byte pipe echo (same python)")]
    public void RawEcho()
    {
        _case = "raw pipe echo";
        for (int i = 0; i < Calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            _echo.RoundTrip();
            Record(t0);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "untyped math.sqrt(16.0), adaptive transport")]
    public double Adaptive() => Sqrt(_adaptiveMath, "untyped sqrt, adaptive");

    [Benchmark(OperationsPerInvoke = Calls, Description = "untyped math.sqrt(16.0), shared-memory ring")]
    public double SharedMemoryRing() => Sqrt(_ringMath, "untyped sqrt, ring");

    [Benchmark(OperationsPerInvoke = Calls, Description = "untyped math.sqrt(16.0), pipe (default)")]
    public double Pipe() => Sqrt(_pipeMath, "untyped sqrt, pipe");

    [Benchmark(OperationsPerInvoke = Calls, Description = "generated MathModule.Sqrt(16.0), shared-memory ring")]
    public double Wrapper()
    {
        _case = "wrapper sqrt, ring";
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sum += _typed.Sqrt(16.0).GetAwaiter().GetResult();
            Record(t0);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "pythonnet 3.2.1 in process")]
    public double Pythonnet()
    {
        _case = "pythonnet";
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sum += _inProcess.Sqrt();
            Record(t0);
        }

        return sum;
    }

    private double Sqrt(PyPath math, string label)
    {
        _case = label;
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sum += math.Call<double>("sqrt", 16.0).GetAwaiter().GetResult();
            Record(t0);
        }

        return sum;
    }

    private void Record(long started) => _samples[_count++ & (Capacity - 1)] = Stopwatch.GetTimestamp() - started;
}
