using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// The ratios of <see cref="EcsIntegrateBenchmarks"/> and <see cref="EcsStructuralBenchmarks"/> measured fairly on a
/// busy machine: BenchmarkDotNet measures one row after another, so when other processes' load changes between rows
/// (the shared 2-core machine swings between load 2 and 50) the ratios mostly measure the load. This probe runs the
/// same methods interleaved — after 80 warm-up calls each, 8 rounds, each running every method 10 + 20 times in a row
/// (the 10 untimed calls bring the method's 24 MB back into the caches the previous method evicted it from, as in a
/// BenchmarkDotNet run of that method alone) — and times each call by this thread's CPU time (time spent waiting for a core is not counted) and by wall time, then prints medians and ratios
/// to the baseline's medians. Run: <c>--filter '*EcsInterleavedProbe*' --inProcess --job dry</c>; the table is
/// printed by the global setup. The single benchmark only returns the number of measured calls.
/// </summary>
public class EcsInterleavedProbe
{
    private const int Rounds = 8;
    private const int Warm = 10;
    private const int Timed = 20;

    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        var integrate = new EcsIntegrateBenchmarks();
        integrate.Setup();
        Measure("EcsIntegrateBenchmarks (1M entities, one tick)", new (string, Action)[]
        {
            ("RawArraysVector512 (baseline)", integrate.RawArraysVector512),
            ("RawArraysVector256", integrate.RawArraysVector256),
            ("RawArraysScalar", integrate.RawArraysScalar),
            ("EcsChunkSpans", integrate.EcsChunkSpans),
            ("EcsChunkSpansVec2Kernel", integrate.EcsChunkSpansVec2Kernel),
            ("EcsChunkSpansMarkAllChanged", integrate.EcsChunkSpansMarkAllChanged),
            ("EcsGeneratedColumnSpans", integrate.EcsGeneratedColumnSpans),
            ("EcsPerEntityViews", integrate.EcsPerEntityViews),
            ("EcsGeneratedViews", integrate.EcsGeneratedViews),
            ("EcsGeneratedViewsUnchecked", integrate.EcsGeneratedViewsUnchecked),
            ("EcsPerEntityTuples", integrate.EcsPerEntityTuples),
        });

        var structural = new EcsStructuralBenchmarks();
        structural.Setup();
        Measure("EcsStructuralBenchmarks (100k add + 100k remove)", new (string, Action)[]
        {
            ("AddRemoveChurn100kSideTable (baseline)", () => structural.AddRemoveChurn100kSideTable()),
            ("AddRemoveChurn100kArchetypeMoves", () => structural.AddRemoveChurn100kArchetypeMoves()),
        });
    }

    [Benchmark]
    public int MeasuredCalls() => _calls;

    private void Measure(string title, (string Name, Action Run)[] variants)
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

        for (int round = 0; round < Rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                for (int i = 0; i < Warm; i++)
                {
                    variants[v].Run();
                }

                for (int i = 0; i < Timed; i++)
                {
                    long cpuStart = ThreadCpuClock.Nanoseconds();
                    long wallStart = Stopwatch.GetTimestamp();
                    variants[v].Run();
                    wall[v].Add(Stopwatch.GetElapsedTime(wallStart).TotalMicroseconds);
                    cpu[v].Add((ThreadCpuClock.Nanoseconds() - cpuStart) / 1000.0);
                    _calls++;
                }
            }
        }

        double cpuBase = Median(cpu[0]);
        double wallBase = Median(wall[0]);
        Console.WriteLine();
        Console.WriteLine($"// {title}: {Rounds} rounds x {Timed} timed calls per method, interleaved; medians");
        Console.WriteLine("| method | CPU time | ratio (CPU) | wall time | ratio (wall) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int v = 0; v < variants.Length; v++)
        {
            double c = Median(cpu[v]);
            double w = Median(wall[v]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {variants[v].Name} | {c:F0} µs | {c / cpuBase:F2} | {w:F0} µs | {w / wallBase:F2} |"));
        }

        Console.WriteLine();
    }

    private static double Median(List<double> values)
    {
        var sorted = new List<double>(values);
        sorted.Sort();
        return sorted[sorted.Count / 2];
    }
}
