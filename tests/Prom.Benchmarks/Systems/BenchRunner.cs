using System;
using System.Threading;
using System.Threading.Tasks;
using Prom.Ecs;

namespace Prom.Benchmarks.Systems;

/// <summary>A hand-written synchronous system whose run is a delegate (what a generated runner looks like to the scheduler).</summary>
internal sealed class BenchRunner(string name, Action run) : ISystemRunner
{
    public string Name => name;

    public bool ShouldRun() => true;

    public void Prepare()
    {
    }

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        run();
        return default;
    }

    public void Cleanup()
    {
    }
}
