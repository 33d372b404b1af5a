using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;

namespace Prom.Benchmarks.Ecs;

/// <summary>
/// Structural costs: creating 1M entities with two components (baseline: filling four raw float[] columns of 1M, the
/// floor of any SoA store), and add/remove churn of 100k entities (baseline: the same adds/removes in a
/// Dictionary&lt;Entity, BenchTag&gt;, i.e. a side table instead of an archetype move).
/// </summary>
[MemoryDiagnoser]
public class EcsStructuralBenchmarks
{
    private const int Creates = 1_000_000;
    private const int Churn = 100_000;

    private World _churnWorld = null!;
    private Entity[] _churnEntities = null!;
    private Dictionary<Entity, BenchTag> _sideTable = null!;

    [GlobalSetup]
    public void Setup()
    {
        _churnWorld = new World();
        _churnEntities = new Entity[Churn];
        for (int i = 0; i < Churn; i++)
        {
            _churnEntities[i] = _churnWorld.Create(new BenchPosition(i, i), new BenchVelocity(1, 1));
        }

        _sideTable = new Dictionary<Entity, BenchTag>(Churn);
    }

    [Benchmark(Baseline = true)]
    public float Create1MRawColumns()
    {
        float[] px = new float[Creates];
        float[] py = new float[Creates];
        float[] vx = new float[Creates];
        float[] vy = new float[Creates];
        for (int i = 0; i < Creates; i++)
        {
            px[i] = i;
            py[i] = i;
            vx[i] = 1;
            vy[i] = 1;
        }

        return px[Creates - 1] + vy[0];
    }

    [Benchmark]
    public int Create1MEntitiesWithTwoComponents()
    {
        var world = new World();
        for (int i = 0; i < Creates; i++)
        {
            world.Create(new BenchPosition(i, i), new BenchVelocity(1, 1));
        }

        return world.EntityCount;
    }

    [Benchmark]
    public int AddRemoveChurn100kSideTable()
    {
        foreach (Entity e in _churnEntities)
        {
            _sideTable[e] = new BenchTag { Value = 1 };
        }

        foreach (Entity e in _churnEntities)
        {
            _sideTable.Remove(e);
        }

        return _sideTable.Count;
    }

    [Benchmark]
    public int AddRemoveChurn100kArchetypeMoves()
    {
        foreach (Entity e in _churnEntities)
        {
            _churnWorld.Add(e, new BenchTag { Value = 1 });
        }

        foreach (Entity e in _churnEntities)
        {
            _churnWorld.Remove<BenchTag>(e);
        }

        return _churnWorld.EntityCount;
    }
}
