using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The latency ratios measured so that load from other processes cannot favour any side: every invocation runs one
/// raw 8-byte pipe echo through the same /usr/bin/python3 (the baseline), one bridge ping, one untyped bridge call
/// <c>math.sqrt(16.0)</c>, the same call through the generated typed wrapper (<c>MathModule.Sqrt</c>, from
/// Bridge/math.pyi) and in process through pythonnet 3.2.1 (libpython3.11), back to back, each
/// timed on its own, so all share the same moment of machine load. <see cref="Report"/> prints the medians, tails and
/// the median of the per-invocation ratios at the end of the run; BenchmarkDotNet's own table shows the time of the
/// whole invocation against three echoes. Run with <c>--inProcess</c> (pythonnet loads libpython into this process).
/// </summary>
public class BridgeLatencyInterleavedBenchmarks
{
    private const int Capacity = 1 << 20;
    private readonly long[] _echo = new long[Capacity];
    private readonly long[] _ping = new long[Capacity];
    private readonly long[] _sqrt = new long[Capacity];
    private readonly long[] _pythonnet = new long[Capacity];
    private readonly long[] _wrapper = new long[Capacity];
    private int _count;
    private RawPipeEcho _rawEcho = null!;
    private PyBridge _py = null!;
    private PyPath _math = null!;
    private InProcessPython _inProcess = null!;
    private MathModule _typed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rawEcho = new RawPipeEcho(BenchPython.Executable, 8);
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _math = _py.Import("math");
        _inProcess = new InProcessPython();
        _typed = new MathModule(_py);
    }

    [GlobalCleanup]
    public void Report()
    {
        _rawEcho.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
        int n = Math.Min(_count, Capacity);
        if (n == 0)
        {
            return;
        }

        Console.WriteLine($"// interleaved invocations: {n:N0}");
        Console.WriteLine($"//   echo: {Timings.Describe(_echo, n)}");
        Console.WriteLine($"//   ping: {Timings.Describe(_ping, n)}");
        Console.WriteLine($"//   sqrt: {Timings.Describe(_sqrt, n)}");
        Console.WriteLine($"//   wrapper sqrt: {Timings.Describe(_wrapper, n)}");
        Console.WriteLine($"//   pythonnet sqrt: {Timings.Describe(_pythonnet, n)}");
        Console.WriteLine($"//   median of per-invocation ratios: wrapper/sqrt {Timings.MedianRatio(_wrapper, _sqrt, n):F3}");
        Console.WriteLine($"//   median of per-invocation ratios: ping/echo {Timings.MedianRatio(_ping, _echo, n):F2}, "
            + $"sqrt/echo {Timings.MedianRatio(_sqrt, _echo, n):F2}, pythonnet/echo {Timings.MedianRatio(_pythonnet, _echo, n):F3}");
    }

    [Benchmark(Baseline = true, Description = "three raw pipe echoes")]
    public void ThreeEchoes()
    {
        _rawEcho.RoundTrip();
        _rawEcho.RoundTrip();
        _rawEcho.RoundTrip();
    }

    [Benchmark(Description = "echo, ping, sqrt, wrapper sqrt, pythonnet sqrt back to back (ratios printed at the end)")]
    public double EchoPingSqrtWrapperPythonnet()
    {
        // Every invocation is kept (pilot and warm-up too: medians are insensitive to the first, slower, ones).
        int slot = _count++ & (Capacity - 1);
        long t0 = Stopwatch.GetTimestamp();
        _rawEcho.RoundTrip();
        long t1 = Stopwatch.GetTimestamp();
        _py.PingAsync().GetAwaiter().GetResult();
        long t2 = Stopwatch.GetTimestamp();
        double root = _math.Call<double>("sqrt", 16.0).GetAwaiter().GetResult();
        long t3 = Stopwatch.GetTimestamp();
        double typed = _typed.Sqrt(16.0).GetAwaiter().GetResult();
        long t4 = Stopwatch.GetTimestamp();
        double inProcess = _inProcess.Sqrt();
        long t5 = Stopwatch.GetTimestamp();
        _echo[slot] = t1 - t0;
        _ping[slot] = t2 - t1;
        _sqrt[slot] = t3 - t2;
        _wrapper[slot] = t4 - t3;
        _pythonnet[slot] = t5 - t4;
        return root + typed + inProcess;
    }
}
