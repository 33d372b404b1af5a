using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;
using Prom.Ecs.Simd;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// One tick of <c>pos.next = pos.prev + vel · dt</c> over 1M entities with Position{X,Y} and Velocity{X,Y}, against a
/// hand-written Vector512 loop over raw <c>float[]</c> arrays doing the same reads (prev x/y, velocity x/y) and writes
/// (next x/y) followed by the same reference swap. The ECS rows include BeginTick/EndTick (ownership, coverage,
/// changed marks, commit). A Vector256 raw loop is measured too because this machine may emulate Vector512.
/// </summary>
[MemoryDiagnoser]
public class EcsIntegrateBenchmarks
{
    private const int N = 1_000_000;
    private const float Dt = 1f / 60f;

    private float[] _prevX = null!;
    private float[] _prevY = null!;
    private float[] _nextX = null!;
    private float[] _nextY = null!;
    private float[] _velX = null!;
    private float[] _velY = null!;
    private World _world = null!;
    private OwnerToken _movement = null!;
    private Query _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _prevX = new float[N];
        _prevY = new float[N];
        _nextX = new float[N];
        _nextY = new float[N];
        _velX = new float[N];
        _velY = new float[N];
        _world = new World();
        for (int i = 0; i < N; i++)
        {
            _prevX[i] = _nextX[i] = i;
            _prevY[i] = _nextY[i] = -i;
            _velX[i] = 1 + (i % 7);
            _velY[i] = 2 - (i % 5);
            _world.Create(new BenchPosition(i, -i), new BenchVelocity(_velX[i], _velY[i]));
        }

        _movement = _world.CreateOwner("Movement");
        _world.Own<BenchPosition>(_movement);
        _query = _world.Query().All<BenchPosition>().All<BenchVelocity>().Build();
    }

    [Benchmark(Baseline = true)]
    public void RawArraysVector512()
    {
        ref float px = ref MemoryMarshal.GetArrayDataReference(_prevX);
        ref float py = ref MemoryMarshal.GetArrayDataReference(_prevY);
        ref float nx = ref MemoryMarshal.GetArrayDataReference(_nextX);
        ref float ny = ref MemoryMarshal.GetArrayDataReference(_nextY);
        ref float vx = ref MemoryMarshal.GetArrayDataReference(_velX);
        ref float vy = ref MemoryMarshal.GetArrayDataReference(_velY);
        Vector512<float> dt = Vector512.Create(Dt);
        int i = 0;
        for (; i <= N - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            (Vector512.LoadUnsafe(ref px, (nuint)i) + (Vector512.LoadUnsafe(ref vx, (nuint)i) * dt)).StoreUnsafe(ref nx, (nuint)i);
            (Vector512.LoadUnsafe(ref py, (nuint)i) + (Vector512.LoadUnsafe(ref vy, (nuint)i) * dt)).StoreUnsafe(ref ny, (nuint)i);
        }

        for (; i < N; i++)
        {
            Unsafe.Add(ref nx, i) = Unsafe.Add(ref px, i) + (Unsafe.Add(ref vx, i) * Dt);
            Unsafe.Add(ref ny, i) = Unsafe.Add(ref py, i) + (Unsafe.Add(ref vy, i) * Dt);
        }

        SwapRawBuffers();
    }

    [Benchmark]
    public void RawArraysVector256()
    {
        ref float px = ref MemoryMarshal.GetArrayDataReference(_prevX);
        ref float py = ref MemoryMarshal.GetArrayDataReference(_prevY);
        ref float nx = ref MemoryMarshal.GetArrayDataReference(_nextX);
        ref float ny = ref MemoryMarshal.GetArrayDataReference(_nextY);
        ref float vx = ref MemoryMarshal.GetArrayDataReference(_velX);
        ref float vy = ref MemoryMarshal.GetArrayDataReference(_velY);
        Vector256<float> dt = Vector256.Create(Dt);
        int i = 0;
        for (; i <= N - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            (Vector256.LoadUnsafe(ref px, (nuint)i) + (Vector256.LoadUnsafe(ref vx, (nuint)i) * dt)).StoreUnsafe(ref nx, (nuint)i);
            (Vector256.LoadUnsafe(ref py, (nuint)i) + (Vector256.LoadUnsafe(ref vy, (nuint)i) * dt)).StoreUnsafe(ref ny, (nuint)i);
        }

        for (; i < N; i++)
        {
            Unsafe.Add(ref nx, i) = Unsafe.Add(ref px, i) + (Unsafe.Add(ref vx, i) * Dt);
            Unsafe.Add(ref ny, i) = Unsafe.Add(ref py, i) + (Unsafe.Add(ref vy, i) * Dt);
        }

        SwapRawBuffers();
    }

    /// <summary>
    /// The same per-entity arithmetic written as a plain scalar loop over the raw arrays: the floor for any per-entity
    /// (non-SIMD) code, against which the per-entity view rows show what the ECS itself adds.
    /// </summary>
    [Benchmark]
    public void RawArraysScalar()
    {
        ref float px = ref MemoryMarshal.GetArrayDataReference(_prevX);
        ref float py = ref MemoryMarshal.GetArrayDataReference(_prevY);
        ref float nx = ref MemoryMarshal.GetArrayDataReference(_nextX);
        ref float ny = ref MemoryMarshal.GetArrayDataReference(_nextY);
        ref float vx = ref MemoryMarshal.GetArrayDataReference(_velX);
        ref float vy = ref MemoryMarshal.GetArrayDataReference(_velY);
        for (int i = 0; i < N; i++)
        {
            Unsafe.Add(ref nx, i) = Unsafe.Add(ref px, i) + (Unsafe.Add(ref vx, i) * Dt);
            Unsafe.Add(ref ny, i) = Unsafe.Add(ref py, i) + (Unsafe.Add(ref vy, i) * Dt);
        }

        SwapRawBuffers();
    }

    [Benchmark]
    public void EcsChunkSpans()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            ColumnWriter<BenchPosition> position = chunk.Write<BenchPosition>(_movement);
            ColumnReader<BenchVelocity> velocity = chunk.Read<BenchVelocity>();
            SoaKernels.MultiplyAdd(position.Next<float>(0), position.Prev<float>(0), velocity.Leaf<float>(0), Dt);
            SoaKernels.MultiplyAdd(position.Next<float>(1), position.Prev<float>(1), velocity.Leaf<float>(1), Dt);
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsChunkSpansMarkAllChanged()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            ColumnWriter<BenchPosition> position = chunk.Write<BenchPosition>(_movement);
            ColumnReader<BenchVelocity> velocity = chunk.Read<BenchVelocity>();
            SoaKernels.MultiplyAdd(position.Next<float>(0), position.Prev<float>(0), velocity.Leaf<float>(0), Dt);
            SoaKernels.MultiplyAdd(position.Next<float>(1), position.Prev<float>(1), velocity.Leaf<float>(1), Dt);
            position.MarkAllChanged();
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsChunkSpansVec2Kernel()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            ColumnWriter<BenchPosition> position = chunk.Write<BenchPosition>(_movement);
            ColumnReader<BenchVelocity> velocity = chunk.Read<BenchVelocity>();
            SoaKernels.MultiplyAdd(
                position.Next<float>(0), position.Next<float>(1), position.Prev<float>(0), position.Prev<float>(1), velocity.Leaf<float>(0), velocity.Leaf<float>(1), Dt);
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsPerEntityViews()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            ColumnWriter<BenchPosition> writer = chunk.Write<BenchPosition>(_movement);
            var positions = new HandPositionColumns(writer);
            var velocities = new HandVelocityColumns(chunk.Read<BenchVelocity>());
            for (int row = 0; row < positions.Count; row++)
            {
                HandPositionView p = positions[row];
                p.NextX = p.X + (velocities.X(row) * Dt);
                p.NextY = p.Y + (velocities.Y(row) * Dt);
            }
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsGeneratedViews()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            BenchPositionWriteColumns positions = chunk.WriteBenchPosition(_movement);
            BenchVelocityReadColumns velocities = chunk.ReadBenchVelocity();
            for (int row = 0; row < positions.Count; row++)
            {
                BenchPositionWriteView p = positions[row];
                BenchVelocityView v = velocities[row];
                p.NextX = p.X + (v.X * Dt);
                p.NextY = p.Y + (v.Y * Dt);
            }
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsGeneratedViewsUnchecked()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            BenchPositionWriteColumns positions = chunk.WriteBenchPosition(_movement);
            BenchVelocityReadColumns velocities = chunk.ReadBenchVelocity();

            // Rows [0, Count) of one chunk: every accessor of the chunk has that Count, so no per-row check is needed.
            for (int row = 0; row < positions.Count; row++)
            {
                BenchPositionWriteView p = positions.DangerousGetView(row);
                BenchVelocityView v = velocities.DangerousGetView(row);
                p.NextX = p.X + (v.X * Dt);
                p.NextY = p.Y + (v.Y * Dt);
            }
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsGeneratedColumnSpans()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            BenchPositionWriteColumns position = chunk.WriteBenchPosition(_movement);
            BenchVelocityReadColumns velocity = chunk.ReadBenchVelocity();
            SoaKernels.MultiplyAdd(position.NextX, position.X, velocity.X, Dt);
            SoaKernels.MultiplyAdd(position.NextY, position.Y, velocity.Y, Dt);
        }

        _world.EndTick();
    }

    [Benchmark]
    public void EcsPerEntityTuples()
    {
        _world.BeginTick();
        foreach (var (_, row, position, velocity) in _query.Tuples<BenchPosition, BenchVelocity>())
        {
            _movement.Set(row, new BenchPosition(position.X + (velocity.X * Dt), position.Y + (velocity.Y * Dt)));
        }

        _world.EndTick();
    }

    /// <summary>The raw baselines' commit: the same reference swap the ECS does at the tick boundary.</summary>
    private void SwapRawBuffers()
    {
        (_prevX, _nextX) = (_nextX, _prevX);
        (_prevY, _nextY) = (_nextY, _prevY);
    }
}
