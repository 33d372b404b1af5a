using System;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// Doraku's Ecs.CSharp.Benchmark "SystemWithTwoComponents": <see cref="EntityCount"/> entities with
/// <c>Component1 { int Value }</c> and <c>Component2 { int Value = 1 }</c>, <see cref="EntityPadding"/> padding entities
/// (Component1 only, then Component2 only, alternating) created before each of them, and one update
/// <c>c1.Value += c2.Value</c> per entity. Every update changes <c>c1</c>, so the changed path (not the carry path) is
/// measured. Baseline: the hand-written scalar loop over raw <c>int[]</c> arrays in place; every ECS row includes the
/// tick (BeginTick/EndTick: ownership, coverage, changed marks, commit).
/// </summary>
[MemoryDiagnoser]
public class DorakuTwoComponentsBenchmarks
{
    private DorakuWorkload _workload = null!;

    /// <summary>Entities that match the system.</summary>
    [Params(100_000, 1_000_000)]
    public int EntityCount { get; set; }

    /// <summary>Padding entities (of other archetypes) created before each matching entity.</summary>
    [Params(0, 10)]
    public int EntityPadding { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = new DorakuWorkload(EntityCount, EntityPadding);

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    /// <summary>Raw <c>a[i] += b[i]</c> over <c>int[]</c>: the floor for per-entity code.</summary>
    [Benchmark(Baseline = true)]
    public void RawScalarInPlace() => _workload.RawScalarInPlace();

    /// <summary>Raw Vector256 <c>a += b</c> in place: the floor for SIMD code.</summary>
    [Benchmark]
    public void RawVector256InPlace() => _workload.RawVector256InPlace();

    /// <summary>Raw Vector256 reading prev, writing next, then swapping the arrays: what double buffering costs by hand.</summary>
    [Benchmark]
    public void RawVector256DoubleBuffered() => _workload.RawVector256DoubleBuffered();

    /// <summary>The generated <c>[System] Run(ref Component1, in Component2)</c> through <c>Scheduler.Tick</c>.</summary>
    [Benchmark]
    public void GeneratedSystemTick() => _workload.GeneratedSystemTick();

    /// <summary>A per-entity loop over the generated views in a tick (Component1 double-buffered).</summary>
    [Benchmark]
    public void ViewLoopTick() => _workload.ViewLoopTick();

    /// <summary>Per chunk: the column spans and the Vector256 add in a tick (Component1 double-buffered).</summary>
    [Benchmark]
    public void ChunkSimdTick() => _workload.ChunkSimdTick();

    /// <summary>The same view loop with Component1 updated in place (<c>World.UpdateInPlace</c>).</summary>
    [Benchmark]
    public void ViewLoopInPlaceTick() => _workload.ViewLoopInPlaceTick();

    /// <summary>The same per-chunk Vector256 add with Component1 updated in place.</summary>
    [Benchmark]
    public void ChunkSimdInPlaceTick() => _workload.ChunkSimdInPlaceTick();

    /// <summary>BeginTick/EndTick with nothing written.</summary>
    [Benchmark]
    public void TickAlone() => _workload.TickAlone();
}
