using System;
using System.Diagnostics;

namespace Prom.Benchmarks.Bridge;

/// <summary>Medians, tails and per-invocation ratios of interleaved timings (Stopwatch ticks), for the interleaved bridge benchmarks.</summary>
internal static class Timings
{
    public static double Micro(double ticks) => ticks * 1e6 / Stopwatch.Frequency;

    /// <summary>Median, 90th and 99th percentile and mean, in microseconds.</summary>
    public static string Describe(long[] values, int n)
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

    /// <summary>The median of <c>a[i] / b[i]</c>.</summary>
    public static double MedianRatio(long[] a, long[] b, int n)
    {
        var ratios = new double[n];
        for (int i = 0; i < n; i++)
        {
            ratios[i] = (double)a[i] / b[i];
        }

        Array.Sort(ratios);
        return ratios[n / 2];
    }
}
