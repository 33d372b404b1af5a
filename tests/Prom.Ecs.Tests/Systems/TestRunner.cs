using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs.Tests.Systems;

/// <summary>A hand-written <see cref="ISystemRunner"/> whose phases are delegates; logs every call to a shared log.</summary>
internal sealed class TestRunner : ISystemRunner
{
    private readonly ConcurrentQueue<string>? _log;

    public TestRunner(SystemContext context, ConcurrentQueue<string>? log = null)
    {
        Context = context;
        Name = context.SystemName;
        _log = log;
    }

    public SystemContext Context { get; }

    public string Name { get; }

    public Func<bool> ShouldRunBody { get; set; } = () => true;

    public Action? PrepareBody { get; set; }

    public Func<CancellationToken, ValueTask>? RunBody { get; set; }

    public Action? RunSync { get; set; }

    public Action? CleanupBody { get; set; }

    public int Runs;

    public int Cleanups;

    public int RunThreadId;

    public bool ShouldRun()
    {
        _log?.Enqueue(Name + ".ShouldRun");
        return ShouldRunBody();
    }

    public void Prepare()
    {
        _log?.Enqueue(Name + ".Prepare");
        PrepareBody?.Invoke();
    }

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        _log?.Enqueue(Name + ".Run");
        Interlocked.Increment(ref Runs);
        RunThreadId = Environment.CurrentManagedThreadId;
        RunSync?.Invoke();
        return RunBody is null ? default : RunBody(cancellationToken);
    }

    public void Cleanup()
    {
        _log?.Enqueue(Name + ".Cleanup");
        Interlocked.Increment(ref Cleanups);
        CleanupBody?.Invoke();
    }
}
