using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// Runs methods interleaved and prints medians and ratios to the first one: on a busy shared machine a ratio of two
/// methods measured one after another mostly measures the load change between them; interleaved, both see the same
/// load. After a warm-up past tiered compilation (four passes of at least 40 calls and 150 ms per method), <c>rounds</c> rounds run every method 10 untimed times
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

        // Warm up every method past tiered compilation, so the measured calls run Tier1 code, not Tier0 or OSR code. A
        // method with a loop goes Tier0 -> OSR -> instrumented Tier0 -> Tier1, and its call counting only starts once no
        // method was compiled for a while: 40 calls and a pause left slow methods (a few hundred µs per call) in their
        // OSR version for the whole measurement (seen in DOTNET_JitDisasm: the view loop at 2.4x the raw loop). So every
        // method runs for at least 40 calls and 150 ms in each of four passes, with a pause after each pass.
        for (int pass = 0; pass < 4; pass++)
        {
            foreach ((string _, Action run) in variants)
            {
                long until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 150 / 1000);
                for (int i = 0; i < 40 || Stopwatch.GetTimestamp() < until; i++)
                {
                    run();
                }
            }

            System.Threading.Thread.Sleep(200);
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
