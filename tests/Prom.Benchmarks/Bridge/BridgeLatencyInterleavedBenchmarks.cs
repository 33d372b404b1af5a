using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The latency ratio measured so that load from other processes cannot favour either side: every invocation runs one
/// raw pipe echo (the baseline), one bridge ping and one <c>math.sqrt(16)</c> back to back, each timed on its own, so
/// the three share the same moment of machine load. <see cref="Report"/> prints the medians and the median of the
/// per-invocation ratios (ping / echo, sqrt / echo) at the end of the run; BenchmarkDotNet's own table shows the time
/// of the whole triple against three echoes.
/// </summary>
public class BridgeLatencyInterleavedBenchmarks
{
    private const int Capacity = 1 << 20;
    private readonly long[] _echo = new long[Capacity];
    private readonly long[] _ping = new long[Capacity];
    private readonly long[] _sqrt = new long[Capacity];
    private int _count;
    private RawPipeEcho _rawEcho = null!;
    private PyBridge _py = null!;
    private PyPath _math = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rawEcho = new RawPipeEcho(BenchPython.Executable, 8);
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _math = _py.Import("math");
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

        var pingRatios = new double[n];
        var sqrtRatios = new double[n];
        for (int i = 0; i < n; i++)
        {
            pingRatios[i] = (double)_ping[i] / _echo[i];
            sqrtRatios[i] = (double)_sqrt[i] / _echo[i];
        }

        Console.WriteLine($"// interleaved triples: {n:N0}");
        Console.WriteLine($"//   echo: {Describe(_echo, n)}");
        Console.WriteLine($"//   ping: {Describe(_ping, n)}");
        Console.WriteLine($"//   sqrt: {Describe(_sqrt, n)}");
        Console.WriteLine($"//   median of per-triple ratios: ping/echo {Median(pingRatios, n):F2}, sqrt/echo {Median(sqrtRatios, n):F2}");
    }

    [Benchmark(Baseline = true, Description = "three raw pipe echoes")]
    public void ThreeEchoes()
    {
        _rawEcho.RoundTrip();
        _rawEcho.RoundTrip();
        _rawEcho.RoundTrip();
    }

    [Benchmark(Description = "echo, ping, sqrt back to back (ratios printed at the end)")]
    public double EchoPingSqrt()
    {
        // Every invocation is kept (pilot and warm-up too: medians are insensitive to the first, slower, ones).
        int slot = _count++ & (Capacity - 1);
        long t0 = Stopwatch.GetTimestamp();
        _rawEcho.RoundTrip();
        long t1 = Stopwatch.GetTimestamp();
        _py.PingAsync().GetAwaiter().GetResult();
        long t2 = Stopwatch.GetTimestamp();
        double root = _math.Call<double>("sqrt", 16).GetAwaiter().GetResult();
        long t3 = Stopwatch.GetTimestamp();
        _echo[slot] = t1 - t0;
        _ping[slot] = t2 - t1;
        _sqrt[slot] = t3 - t2;
        return root;
    }

    private static double Micro(double ticks) => ticks * 1e6 / Stopwatch.Frequency;

    /// <summary>Median, 90th and 99th percentile and mean, in microseconds.</summary>
    private static string Describe(long[] values, int n)
    {
        long[] sorted = values.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        double mean = 0;
        foreach (long v in sorted)
        {
            mean += v;
        }

        return $"median {Micro(sorted[n / 2]):F2} us, p90 {Micro(sorted[n * 9 / 10]):F2} us, "
            + $"p99 {Micro(sorted[n * 99 / 100]):F2} us, mean {Micro(mean / n):F2} us";
    }

    private static double Median(double[] values, int n)
    {
        Array.Sort(values, 0, n);
        return values[n / 2];
    }
}
