using System.Linq;
using BenchmarkDotNet.Attributes;
using Prom.Ecs;

namespace Prom.Benchmarks.Systems;

/// <summary>
/// Scheduler overhead per tick: N trivial systems (each adds to its own counter) run by the scheduler, against calling
/// the same N runners' ShouldRun/Prepare/RunAsync/Cleanup directly in a loop. Every row includes one
/// BeginTick/EndTick on a world with one owner and one command buffer per system (what a scheduler creates), so the
/// difference is the scheduler's own cost (plan walk, FrameTime, events flip, lease check, effects pass, and for the
/// parallel rows the hand-off of batch members to pool threads).
/// </summary>
[MemoryDiagnoser]
public class SchedulerOverheadBenchmarks
{
    private World _world = null!;
    private ISystemRunner[] _runners = null!;
    private Scheduler _sequential = null!;
    private Scheduler _parallelOneBatch = null!;
    private Scheduler _parallelBatchesOf5 = null!;
    private long[] _counters = null!;

    [Params(20, 100)]
    public int Systems { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _counters = new long[Systems * 16];
        _runners = Enumerable.Range(0, Systems).Select(i => (ISystemRunner)new BenchRunner("S" + i, () => _counters[i * 16]++)).ToArray();
        _world = new World();
        for (int i = 0; i < Systems; i++)
        {
            _world.CreateOwner("S" + i);
            _world.CreateCommandBuffer("S" + i);
        }

        _sequential = Make(new World(), Systems, 1);
        _parallelOneBatch = Make(new World(), Systems, System.Environment.ProcessorCount, batchSize: Systems);
        _parallelBatchesOf5 = Make(new World(), Systems, System.Environment.ProcessorCount, batchSize: 5);
    }

    private Scheduler Make(World world, int count, int maxDegreeOfParallelism, int? batchSize = null) =>
        new(world, BenchPlans.Update(count, batchSize ?? count),
            _runners.Select(r => new SystemRegistration(r.Name, _ => r)).ToList(),
            new SchedulerOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism });

    [GlobalCleanup]
    public void Cleanup()
    {
        _sequential.Dispose();
        _parallelOneBatch.Dispose();
        _parallelBatchesOf5.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void DirectLoop()
    {
        _world.BeginTick();
        foreach (ISystemRunner runner in _runners)
        {
            if (runner.ShouldRun())
            {
                runner.Prepare();
                runner.RunAsync(default).GetAwaiter().GetResult();
                runner.Cleanup();
            }
        }

        _world.EndTick();
    }

    [Benchmark]
    public void Tick_Sequential() => _sequential.Tick(1f / 60f);

    [Benchmark]
    public void Tick_ParallelOneBatch() => _parallelOneBatch.Tick(1f / 60f);

    [Benchmark]
    public void Tick_ParallelBatchesOf5() => _parallelBatchesOf5.Tick(1f / 60f);

    [Benchmark]
    public void TickAsync_ParallelOneBatch() => _parallelOneBatch.TickAsync(1f / 60f).AsTask().GetAwaiter().GetResult();
}
