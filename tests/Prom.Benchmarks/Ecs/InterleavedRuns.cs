using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// Runs methods interleaved and prints medians and ratios to the first one: on a busy shared machine a ratio of two
/// methods measured one after another mostly measures the load change between them; interleaved, both see the same
/// load. After 80 warm-up calls each (past tiered compilation), <c>rounds</c> rounds run every method 10 untimed times
/// (to bring its data back into the caches the previous method evicted it from, as in a BenchmarkDotNet run of that
/// method alone) and <c>timed</c> timed times, by this thread's CPU time (waiting for a core is not counted) and by
/// wall time.
/// </summary>
internal static class InterleavedRuns
{
    private const int Warm = 10;

    /// <summary>Measures and prints one table; returns the number of timed calls.</summary>
    public static int Measure(string title, (string Name, Action Run)[] variants, int rounds = 8, int timed = 20)
    {
        var cpu = new List<double>[variants.Length];
        var wall = new List<double>[variants.Length];
        for (int v = 0; v < variants.Length; v++)
        {
            cpu[v] = new List<double>();
            wall[v] = new List<double>();
        }

        // Warm up every method past tiered compilation (30 calls, then a pause for the background Tier1 compile), so the
        // measured calls run optimized code, not Tier0 or OSR code.
        for (int pass = 0; pass < 2; pass++)
        {
            foreach ((string _, Action run) in variants)
            {
                for (int i = 0; i < 40; i++)
                {
                    run();
                }
            }

            System.Threading.Thread.Sleep(300);
        }

        int calls = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                for (int i = 0; i < Warm; i++)
                {
                    variants[v].Run();
                }

                for (int i = 0; i < timed; i++)
                {
                    long cpuStart = ThreadCpuClock.Nanoseconds();
                    long wallStart = Stopwatch.GetTimestamp();
                    variants[v].Run();
                    wall[v].Add(Stopwatch.GetElapsedTime(wallStart).TotalMicroseconds);
                    cpu[v].Add((ThreadCpuClock.Nanoseconds() - cpuStart) / 1000.0);
                    calls++;
                }
            }
        }

        double cpuBase = Median(cpu[0]);
        double wallBase = Median(wall[0]);
        Console.WriteLine();
        Console.WriteLine($"// {title}: {rounds} rounds x {timed} timed calls per method, interleaved; medians");
        Console.WriteLine("| method | CPU time | ratio (CPU) | wall time | ratio (wall) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int v = 0; v < variants.Length; v++)
        {
            double c = Median(cpu[v]);
            double w = Median(wall[v]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {variants[v].Name} | {c:F1} µs | {c / cpuBase:F2} | {w:F1} µs | {w / wallBase:F2} |"));
        }

        Console.WriteLine();
        return calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = new List<double>(values);
        sorted.Sort();
        return sorted[sorted.Count / 2];
    }
}
