using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Prom.Benchmarks.Ecs;
using Prom.Ecs;

namespace Prom.Benchmarks.Systems;

/// <summary>
/// Two heavy independent systems in one batch, each owning its own component over 100k entities and doing 40
/// dependent multiply-adds per row (compute-bound, so memory bandwidth does not cap the speed-up): the scheduler with
/// MaxDegreeOfParallelism = 1 (one after the other; baseline) against 2 (in parallel). Target: ≥ 1.7× on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class ParallelSystemsBenchmarks
{
    private const int N = 100_000;
    private const int Rounds = 40;

    private Scheduler _sequential = null!;
    private Scheduler _parallel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sequential = Make(1);
        _parallel = Make(2);
    }

    private static Scheduler Make(int maxDegreeOfParallelism)
    {
        var world = new World();
        for (int i = 0; i < N; i++)
        {
            world.Create(new BenchPosition(i * 0.001f, 1), new BenchVelocity(1, i * 0.002f));
        }

        var plan = new SchedulePlan(
            new[]
            {
                new SystemPlan("HeavyPosition", "update", new[] { "BenchPosition" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()),
                new SystemPlan("HeavyVelocity", "update", new[] { "BenchVelocity" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()),
            },
            new[] { new StagePlan("update", false, new[] { new[] { 0, 1 } }) },
            Array.Empty<ScheduleEdge>());
        var registrations = new List<SystemRegistration>
        {
            new("HeavyPosition", context => Heavy<BenchPosition>(context)),
            new("HeavyVelocity", context => Heavy<BenchVelocity>(context)),
        };
        return new Scheduler(world, plan, registrations, new SchedulerOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism });
    }

    /// <summary>A system owning <typeparamref name="T"/> (two float leaves): per chunk, 40 multiply-adds per value.</summary>
    private static ISystemRunner Heavy<T>(SystemContext context) where T : unmanaged, IStruct<T>
    {
        OwnerToken owner = context.Owner.Own<T>();
        Query query = context.World.Query().All<T>().Build();
        return new BenchRunner(context.SystemName, () =>
        {
            foreach (QueryChunk chunk in query.Chunks())
            {
                ColumnWriter<T> columns = chunk.Write<T>(owner);
                for (int leaf = 0; leaf < 2; leaf++)
                {
                    ReadOnlySpan<float> prev = columns.Prev<float>(leaf);
                    Span<float> next = columns.Next<float>(leaf);
                    for (int row = 0; row < prev.Length; row++)
                    {
                        float v = prev[row];
                        for (int r = 0; r < Rounds; r++)
                        {
                            v = (v * 0.999f) + 0.001f;
                        }

                        next[row] = v;
                    }
                }
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sequential.Dispose();
        _parallel.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void OneAfterTheOther() => _sequential.Tick(1f / 60f);

    [Benchmark]
    public void InParallel() => _parallel.Tick(1f / 60f);
}
