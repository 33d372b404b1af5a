using System;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// A changed-query over 1M entities where <see cref="ChangedPercent"/> of the rows were written with a new value in the
/// previous tick, against a full query over all 1M rows (the baseline). Both sum X of the selected rows; a cost
/// proportional to the changed rows shows as a ratio near <see cref="ChangedPercent"/>/100 plus a per-chunk constant.
/// </summary>
[MemoryDiagnoser]
public class EcsChangedQueryBenchmarks
{
    private const int N = 1_000_000;

    private World _world = null!;
    private Query _all = null!;
    private Query _changed = null!;

    [Params(1, 10, 100)]
    public int ChangedPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        var entities = new Entity[N];
        for (int i = 0; i < N; i++)
        {
            entities[i] = _world.Create(new BenchPosition(i, i));
        }

        OwnerToken owner = _world.CreateOwner("Writer");
        _world.Own<BenchPosition>(owner);
        _all = _world.Query().All<BenchPosition>().Build();
        _changed = _world.Query().Changed<BenchPosition>().Build();

        _world.BeginTick();
        _world.EndTick(); // clears the creation marks
        var random = new Random(7);
        _world.BeginTick();
        int step = 100 / ChangedPercent;
        for (int i = 0; i < N; i += step)
        {
            int index = step == 1 ? i : Math.Min(N - 1, i + random.Next(step));
            owner.Set(entities[index], new BenchPosition(-1, 0));
        }

        _world.EndTick(); // now ChangedPercent% of rows are in the visible changed set (uncovered rows carried)
        if (_changed.Count() != N / step)
        {
            throw new InvalidOperationException($"expected {N / step} changed rows, got {_changed.Count()}");
        }
    }

    [Benchmark(Baseline = true)]
    public float FullQuerySum()
    {
        float sum = 0;
        foreach (QueryChunk chunk in _all.Chunks())
        {
            foreach (float x in chunk.Read<BenchPosition>().Leaf<float>(0))
            {
                sum += x;
            }
        }

        return sum;
    }

    [Benchmark]
    public float ChangedQuerySum()
    {
        float sum = 0;
        foreach (EntityRow row in _changed.Rows())
        {
            sum += row.Get<BenchPosition>().X;
        }

        return sum;
    }

    [Benchmark]
    public float ChangedQuerySumChunkColumns()
    {
        float sum = 0;
        foreach (QueryChunk chunk in _changed.Chunks())
        {
            ReadOnlySpan<float> xs = chunk.Read<BenchPosition>().Leaf<float>(0);
            for (int w = 0, words = (chunk.Count + 63) >> 6; w < words; w++)
            {
                ulong bits = chunk.SelectedWord(w);
                while (bits != 0)
                {
                    sum += xs[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                    bits &= bits - 1;
                }
            }
        }

        return sum;
    }
}
