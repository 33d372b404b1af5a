using System;
using BenchmarkDotNet.Attributes;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// The ratios of <see cref="DorakuTwoComponentsBenchmarks"/> measured fairly on a busy machine: every method of one
/// configuration interleaved (see <see cref="Ecs.InterleavedRuns"/>). Run:
/// <c>--filter '*DorakuInterleavedProbe*' --inProcess --job dry</c>; the tables are printed by the global setup.
/// </summary>
public class DorakuInterleavedProbe
{
    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        foreach ((int count, int padding) in new[] { (100_000, 0), (100_000, 10), (1_000_000, 0), (1_000_000, 10) })
        {
            using var workload = new DorakuWorkload(count, padding);
            _calls += Ecs.InterleavedRuns.Measure($"Doraku SystemWithTwoComponents, {count} entities, padding {padding}", Variants(workload));
        }
    }

    [Benchmark]
    public int MeasuredCalls() => _calls;

    internal static (string Name, Action Run)[] Variants(DorakuWorkload workload) => new (string, Action)[]
    {
        ("RawScalarInPlace (baseline)", workload.RawScalarInPlace),
        ("RawVector256InPlace", workload.RawVector256InPlace),
        ("RawVector256DoubleBuffered", workload.RawVector256DoubleBuffered),
        ("GeneratedSystemTick", workload.GeneratedSystemTick),
        ("GeneratedSystemDoubleBufferedTick", workload.GeneratedSystemDoubleBufferedTick),
        ("ViewLoopTick", workload.ViewLoopTick),
        ("ViewLoopInPlaceTick", workload.ViewLoopInPlaceTick),
        ("ChunkSimdTick", workload.ChunkSimdTick),
        ("ChunkSimdInPlaceTick", workload.ChunkSimdInPlaceTick),
        ("ChunkBookkeepingInPlaceTick", workload.ChunkBookkeepingInPlaceTick),
        ("TickAlone", workload.TickAlone),
    };
}
