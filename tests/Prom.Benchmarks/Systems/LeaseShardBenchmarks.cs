using System;
using BenchmarkDotNet.Attributes;
using Prom.Benchmarks.Ecs;
using Prom.Ecs;

namespace Prom.Benchmarks.Systems;

/// <summary>
/// Job offload: one tick over 1M entities where the owner of Position computes 16 dependent multiply-adds per value
/// from prev (compute-bound). Baseline: a single-threaded per-chunk loop (<c>chunk.Write</c>); against the same job
/// through <c>world.LeaseColumns</c> + <c>RunShardsAsync</c> with 1 shard (lease overhead) and with one shard per core.
/// Every row calls the same job through the same delegate, so the rows differ only in how the rows are handed out.
/// </summary>
[MemoryDiagnoser]
public class LeaseShardBenchmarks
{
    private const int N = 1_000_000;
    private const int Rounds = 16;

    private World _world = null!;
    private OwnerToken _owner = null!;
    private Query _query = null!;
    private LeaseRangeAction<BenchPosition> _job = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        for (int i = 0; i < N; i++)
        {
            _world.Create(new BenchPosition(i * 0.001f, -i * 0.001f));
        }

        _owner = _world.CreateOwner("Jobs").Own<BenchPosition>();
        _query = _world.Query().All<BenchPosition>().Build();
        _job = Job;
    }

    private static void Job(ColumnWriter<BenchPosition> columns, int start, int count)
    {
        for (int leaf = 0; leaf < 2; leaf++)
        {
            ReadOnlySpan<float> prev = columns.Prev<float>(leaf).Slice(start, count);
            Span<float> next = columns.Next<float>(leaf).Slice(start, count);
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

    [Benchmark(Baseline = true)]
    public void SingleThreadedChunkLoop()
    {
        _world.BeginTick();
        foreach (QueryChunk chunk in _query.Chunks())
        {
            ColumnWriter<BenchPosition> columns = chunk.Write<BenchPosition>(_owner);
            _job(columns, 0, columns.Count);
        }

        _world.EndTick();
    }

    [Benchmark]
    public void LeaseOneShard() => RunLease(1);

    [Benchmark]
    public void LeaseShardsPerCore() => RunLease(Environment.ProcessorCount);

    private void RunLease(int shards)
    {
        _world.BeginTick();
        using (ColumnLease<BenchPosition> lease = _world.LeaseColumns<BenchPosition>(_owner))
        {
            lease.RunShardsAsync(shards, _job).GetAwaiter().GetResult();
        }

        _world.EndTick();
    }
}
