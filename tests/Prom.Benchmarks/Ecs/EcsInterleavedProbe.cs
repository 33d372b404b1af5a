using System;
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
    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        var integrate = new EcsIntegrateBenchmarks();
        integrate.Setup();
        _calls += InterleavedRuns.Measure("EcsIntegrateBenchmarks (1M entities, one tick)", new (string, Action)[]
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
        _calls += InterleavedRuns.Measure("EcsStructuralBenchmarks (100k add + 100k remove)", new (string, Action)[]
        {
            ("AddRemoveChurn100kSideTable (baseline)", () => structural.AddRemoveChurn100kSideTable()),
            ("AddRemoveChurn100kArchetypeMoves", () => structural.AddRemoveChurn100kArchetypeMoves()),
        });
    }

    [Benchmark]
    public int MeasuredCalls() => _calls;
}
