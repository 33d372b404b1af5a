using System;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;
using Prom.Ecs.Simd;

namespace Prom.Benchmarks.SystemLoops;

/// <summary>
/// One tick over 100k entities of <c>position += velocity · dt</c>: a generated [System] run by the scheduler against
/// the same work written by hand against Prom.Ecs in the same run (BeginTick, the loop, EndTick). Per entity the hand
/// baseline is a hand-written loop over the same columns (typed spans, a bitwise change test per row, changed marks);
/// per chunk both use the SIMD kernel.
/// The ratio is the price of the generated runner plus the scheduler (stages, batch, context, hooks).
/// </summary>
[MemoryDiagnoser]
public class GeneratedSystemBenchmarks
{
    private const int N = 100_000;
    private const float Dt = 1f / 60f;

    private World _entityWorld = null!;
    private World _handEntityWorld = null!;
    private World _chunkWorld = null!;
    private World _handChunkWorld = null!;
    private Scheduler _entityScheduler = null!;
    private Scheduler _chunkScheduler = null!;
    private OwnerToken _handEntityOwner = null!;
    private OwnerToken _handChunkOwner = null!;
    private Query _handEntityQuery = null!;
    private Query _handChunkQuery = null!;

    [GlobalSetup]
    public void Setup()
    {
        _entityWorld = Populate(static (world, i, v) => world.Create(new EntityLoopPosition { X = i, Y = -i }, v));
        _handEntityWorld = Populate(static (world, i, v) => world.Create(new EntityLoopPosition { X = i, Y = -i }, v));
        _chunkWorld = Populate(static (world, i, v) => world.Create(new ChunkLoopPosition { X = i, Y = -i }, v));
        _handChunkWorld = Populate(static (world, i, v) => world.Create(new ChunkLoopPosition { X = i, Y = -i }, v));

        _entityScheduler = OneSystem(_entityWorld, "EntityLoopMovement", "Prom.Benchmarks.SystemLoops.EntityLoopPosition",
            static context => new EntityLoopMovement__PromRunner(context));
        _chunkScheduler = OneSystem(_chunkWorld, "ChunkLoopMovement", "Prom.Benchmarks.SystemLoops.ChunkLoopPosition",
            static context => new ChunkLoopMovement__PromRunner(context));

        _handEntityOwner = _handEntityWorld.CreateOwner("Hand").Own<EntityLoopPosition>();
        _handEntityQuery = _handEntityWorld.Query().All<EntityLoopPosition>().All<LoopVelocity>().Build();
        _handChunkOwner = _handChunkWorld.CreateOwner("Hand").Own<ChunkLoopPosition>();
        _handChunkQuery = _handChunkWorld.Query().All<ChunkLoopPosition>().All<LoopVelocity>().Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _entityScheduler.Dispose();
        _chunkScheduler.Dispose();
    }

    /// <summary>The same work written by hand over the same columns: typed spans, a bitwise change test per row.</summary>
    [Benchmark(Baseline = true)]
    public void HandPerEntity()
    {
        _handEntityWorld.BeginTick();
        foreach (QueryChunk chunk in _handEntityQuery.Chunks())
        {
            ColumnWriter<EntityLoopPosition> positions = chunk.Write<EntityLoopPosition>(_handEntityOwner);
            ColumnReader<LoopVelocity> velocities = chunk.Read<LoopVelocity>();
            ReadOnlySpan<float> px = positions.Prev<float>(0), py = positions.Prev<float>(1);
            Span<float> nx = positions.Next<float>(0), ny = positions.Next<float>(1);
            ReadOnlySpan<float> vx = velocities.Leaf<float>(0), vy = velocities.Leaf<float>(1);
            for (int row = 0; row < px.Length; row++)
            {
                float x = px[row] + (vx[row] * Dt);
                float y = py[row] + (vy[row] * Dt);
                nx[row] = x;
                ny[row] = y;
                if (BitConverter.SingleToUInt32Bits(x) != BitConverter.SingleToUInt32Bits(px[row])
                    || BitConverter.SingleToUInt32Bits(y) != BitConverter.SingleToUInt32Bits(py[row]))
                {
                    positions.MarkChanged(row);
                }
            }
        }

        _handEntityWorld.EndTick();
    }

    [Benchmark]
    public void GeneratedPerEntity() => _entityScheduler.Tick(Dt);

    [Benchmark]
    public void HandPerChunk()
    {
        _handChunkWorld.BeginTick();
        foreach (QueryChunk chunk in _handChunkQuery.Chunks())
        {
            ChunkLoopPositionWriteColumns position = chunk.WriteChunkLoopPosition(_handChunkOwner);
            LoopVelocityReadColumns velocity = chunk.ReadLoopVelocity();
            SoaKernels.MultiplyAdd(position.NextX, position.X, velocity.X, Dt);
            SoaKernels.MultiplyAdd(position.NextY, position.Y, velocity.Y, Dt);
            position.Columns.MarkAllChanged();
        }

        _handChunkWorld.EndTick();
    }

    [Benchmark]
    public void GeneratedPerChunk() => _chunkScheduler.Tick(Dt);

    private static World Populate(Action<World, int, LoopVelocity> create)
    {
        var world = new World();
        for (int i = 0; i < N; i++) create(world, i, new LoopVelocity { X = 1 + (i % 7), Y = 2 - (i % 5) });
        return world;
    }

    /// <summary>A scheduler for one generated runner (the assembly's full plan holds every benchmark system).</summary>
    private static Scheduler OneSystem(World world, string name, string owns, Func<SystemContext, ISystemRunner> create)
    {
        var plan = new SchedulePlan(
            new[] { new SystemPlan(name, "update", new[] { owns }, new[] { "Prom.Benchmarks.SystemLoops.LoopVelocity" }, new[] { "Prom.Ecs.FrameTime" }, Array.Empty<string>()) },
            new[] { new StagePlan("update", false, new[] { new[] { 0 } }) },
            Array.Empty<ScheduleEdge>());
        return new Scheduler(world, plan, new[] { new SystemRegistration(name, create) });
    }
}
