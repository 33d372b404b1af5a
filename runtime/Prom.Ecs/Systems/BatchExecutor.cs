using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Prom.Ecs;

/// <summary>
/// Runs the systems of one batch: ShouldRun on the ticking thread, then Prepare → RunAsync → Cleanup per system, up to
/// <see cref="SchedulerOptions.MaxDegreeOfParallelism"/> at a time. Failures are recorded per system, never thrown.
/// </summary>
/// <remarks>
/// Allocation-free in steady state for synchronous systems: helpers are this object queued as an
/// <see cref="IThreadPoolWorkItem"/> (no closure, no Task), systems are claimed from a shared counter (the ticking
/// thread claims too, so a batch never waits for a pool thread to start), and the ticking thread waits for the
/// helpers on a reusable <see cref="IValueTaskSource"/> (or an event in the blocking <see cref="Scheduler.Tick"/>).
/// Async methods use the pooling builder, so even systems that really suspend reuse their state machines.
/// </remarks>
internal sealed class BatchExecutor : IThreadPoolWorkItem, IValueTaskSource, IDisposable
{
    private readonly ISystemRunner[] _runners;
    private readonly OwnerToken[] _owners;
    private readonly World _world;
    private readonly int _maxDegreeOfParallelism;

    /// <summary>Per system index: what it threw this tick, or null.</summary>
    private readonly Exception?[] _failures;

    /// <summary>The systems of the current batch whose ShouldRun was true.</summary>
    private readonly int[] _runnable;

    private readonly ManualResetEventSlim _helpersDoneEvent = new(false);
    private ManualResetValueTaskSourceCore<bool> _helpersDone;

    private int _runnableCount;

    /// <summary>Index of the last claimed entry of <see cref="_runnable"/> (claimed with Interlocked.Increment).</summary>
    private int _claimed;

    /// <summary>Helpers still running in the current batch; the last one to finish signals.</summary>
    private int _activeHelpers;

    private int _failureCount;
    private bool _blocking;
    private CancellationToken _cancellationToken;

    internal BatchExecutor(World world, ISystemRunner[] runners, OwnerToken[] owners, int maxDegreeOfParallelism, int largestBatch)
    {
        _world = world;
        _runners = runners;
        _owners = owners;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _failures = new Exception?[runners.Length];
        _runnable = new int[Math.Max(1, largestBatch)];
    }

    /// <summary>Failures recorded since <see cref="ClearFailures"/>.</summary>
    internal int FailureCount => Volatile.Read(ref _failureCount);

    internal Exception? FailureOf(int system) => _failures[system];

    internal void ClearFailures()
    {
        if (_failureCount > 0)
        {
            Array.Clear(_failures);
            _failureCount = 0;
        }
    }

    /// <summary>Runs one batch; completes when every system of it has finished (never faults).</summary>
    internal ValueTask RunAsync(int[] batch, bool blocking, CancellationToken cancellationToken)
    {
        int count = 0;
        foreach (int system in batch)
        {
            try
            {
                if (_runners[system].ShouldRun())
                {
                    _runnable[count++] = system;
                }
            }
            catch (Exception exception)
            {
                Fail(system, exception);
            }
        }

        _runnableCount = count;
        _claimed = -1;
        _cancellationToken = cancellationToken;
        if (count == 0)
        {
            return default;
        }

        int helpers = Math.Min(count, _maxDegreeOfParallelism) - 1;
        if (helpers == 0)
        {
            // One system (or no parallelism): run inline on the ticking thread, no thread hop.
            return RunClaimedAsync();
        }

        _blocking = blocking;
        _activeHelpers = helpers;
        if (blocking)
        {
            _helpersDoneEvent.Reset();
        }
        else
        {
            _helpersDone.Reset();
        }

        for (int i = 0; i < helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return RunWithHelpersAsync();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunWithHelpersAsync()
    {
        ValueTask own = RunClaimedAsync();
        if (!own.IsCompleted)
        {
            await own.ConfigureAwait(false);
        }

        if (_blocking)
        {
            // Tick(): block (after a short spin inside Wait) instead of suspending, so the synchronous path allocates nothing.
            _helpersDoneEvent.Wait();
        }
        else
        {
            await new ValueTask(this, _helpersDone.Version).ConfigureAwait(false);
        }
    }

    /// <summary>A helper on a pool thread: claims and runs systems until none is left, then signals.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        ValueTask loop = RunClaimedAsync();
        if (loop.IsCompleted)
        {
            HelperDone();
        }
        else
        {
            _ = AwaitHelperAsync(loop);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitHelperAsync(ValueTask loop)
    {
        await loop.ConfigureAwait(false);
        HelperDone();
    }

    private void HelperDone()
    {
        if (Interlocked.Decrement(ref _activeHelpers) == 0)
        {
            if (_blocking)
            {
                _helpersDoneEvent.Set();
            }
            else
            {
                _helpersDone.SetResult(true);
            }
        }
    }

    /// <summary>Claims systems of the batch one at a time and runs them; never throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunClaimedAsync()
    {
        int claim;
        while ((claim = Interlocked.Increment(ref _claimed)) < _runnableCount)
        {
            ValueTask system = RunSystem(_runnable[claim]);
            if (!system.IsCompleted)
            {
                await system.ConfigureAwait(false);
            }
        }
    }

    /// <summary>Prepare → RunAsync → Cleanup of one system; the synchronous path allocates nothing.</summary>
    private ValueTask RunSystem(int system)
    {
        ISystemRunner runner = _runners[system];
        try
        {
            runner.Prepare();
            ValueTask run = runner.RunAsync(_cancellationToken);
            if (!run.IsCompleted)
            {
                return AwaitSystemAsync(system, run);
            }

            run.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            Fail(system, exception);
        }

        Cleanup(system);
        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitSystemAsync(int system, ValueTask run)
    {
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(system, exception);
        }

        Cleanup(system);
    }

    private void Cleanup(int system)
    {
        try
        {
            _runners[system].Cleanup();
        }
        catch (Exception exception)
        {
            Fail(system, exception);
        }

        // A lease still live after the system finished would let jobs write while the commit swaps the columns.
        string? leaked = _world.RevokeLeasesOf(_owners[system]);
        if (leaked is not null)
        {
            Fail(system, new InvalidOperationException(
                $"System '{_runners[system].Name}' still held a lease of {leaked} when it finished: dispose every ColumnLease (after awaiting its jobs) before RunAsync completes. The lease was revoked."));
        }
    }

    private void Fail(int system, Exception exception)
    {
        // The first exception of a system wins (e.g. RunAsync's, not the Cleanup that followed it).
        if (Interlocked.CompareExchange(ref _failures[system], exception, null) is null)
        {
            Interlocked.Increment(ref _failureCount);
        }
    }

    void IValueTaskSource.GetResult(short token) => _helpersDone.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _helpersDone.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _helpersDone.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _helpersDoneEvent.Dispose();
}
