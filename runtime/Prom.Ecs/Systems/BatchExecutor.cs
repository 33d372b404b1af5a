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
/// <para>Systems are claimed from a cursor (one 64-bit word: batch sequence, system count, next index) with a
/// compare-and-swap, by the ticking thread and by helpers on the thread pool. The batch is complete when its last
/// <i>system</i> completes — not when its helpers have run — so the ticking thread never waits for a helper that has not
/// started yet: with short systems it often runs the whole batch before any helper wakes. A helper that starts late
/// claims from whatever batch is current (or finds nothing and leaves); the cursor only ever describes a batch whose
/// list is fully written, so a late helper can never claim a stale entry. Helpers still queued count as available, so
/// the pool queue never grows beyond <c>MaxDegreeOfParallelism − 1</c> items.</para>
/// <para>Allocation-free in steady state for synchronous systems: helpers are this object queued as an
/// <see cref="IThreadPoolWorkItem"/> (no closure, no Task); the ticking thread waits on a reusable
/// <see cref="IValueTaskSource"/> (<c>TickAsync</c>) or an event (blocking <c>Tick</c>); async methods use the pooling
/// builder, so even systems that really suspend reuse their state machines.</para>
/// </remarks>
internal sealed class BatchExecutor : IThreadPoolWorkItem, IValueTaskSource, IDisposable
{
    private const int IndexBits = 24;
    private const long IndexMask = (1L << IndexBits) - 1;

    private readonly ISystemRunner[] _runners;
    private readonly OwnerToken[] _owners;
    private readonly World _world;
    private readonly int _maxDegreeOfParallelism;

    /// <summary>Per system index: what it threw this tick, or null.</summary>
    private readonly Exception?[] _failures;

    /// <summary>The systems of the current batch whose ShouldRun was true.</summary>
    private readonly int[] _runnable;

    private readonly ManualResetEventSlim _batchDoneEvent = new(false);
    private ManualResetValueTaskSourceCore<bool> _batchDone;

    /// <summary>(sequence &lt;&lt; 48) | (count &lt;&lt; 24) | next index; next ≥ count means nothing to claim.</summary>
    private long _cursor;

    /// <summary>Systems of the current parallel batch not yet finished; whoever finishes the last one signals.</summary>
    private int _remaining;

    /// <summary>Helpers queued or running (not yet returned to the pool).</summary>
    private int _helpers;

    private int _failureCount;
    private bool _blocking;
    private CancellationToken _cancellationToken;

    internal BatchExecutor(World world, ISystemRunner[] runners, OwnerToken[] owners, int maxDegreeOfParallelism, int largestBatch)
    {
        if (largestBatch > IndexMask)
        {
            throw new ArgumentOutOfRangeException(nameof(largestBatch), largestBatch, $"A batch holds at most {IndexMask} systems.");
        }

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
        // The previous batch's cursor is exhausted, so helpers still around claim nothing while the list is rewritten.
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

        _cancellationToken = cancellationToken;
        if (count == 0)
        {
            return default;
        }

        int parallel = Math.Min(count, _maxDegreeOfParallelism);
        if (parallel == 1)
        {
            // One system (or no parallelism): run inline on the ticking thread in plan order, no thread hop.
            return RunInlineAsync(count);
        }

        _blocking = blocking;
        _remaining = count;
        if (blocking)
        {
            _batchDoneEvent.Reset();
        }
        else
        {
            _batchDone.Reset();
        }

        long sequence = (Volatile.Read(ref _cursor) >> (2 * IndexBits)) + 1;
        Volatile.Write(ref _cursor, (sequence << (2 * IndexBits)) | ((long)count << IndexBits));
        for (int wanted = parallel - 1 - Volatile.Read(ref _helpers); wanted > 0; wanted--)
        {
            Interlocked.Increment(ref _helpers);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return RunWithHelpersAsync();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunInlineAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            ValueTask system = RunSystem(_runnable[i]);
            if (!system.IsCompleted)
            {
                await system.ConfigureAwait(false);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunWithHelpersAsync()
    {
        ValueTask own = RunClaimedAsync();
        if (!own.IsCompleted)
        {
            await own.ConfigureAwait(false);
        }

        if (Volatile.Read(ref _remaining) == 0)
        {
            return;
        }

        if (_blocking)
        {
            // Tick(): block (after a short spin inside Wait) instead of suspending, so the synchronous path allocates nothing.
            _batchDoneEvent.Wait();
        }
        else
        {
            await new ValueTask(this, _batchDone.Version).ConfigureAwait(false);
        }
    }

    /// <summary>A helper on a pool thread: claims and runs systems until none is left.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        ValueTask loop = RunClaimedAsync();
        if (loop.IsCompleted)
        {
            Interlocked.Decrement(ref _helpers);
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
        Interlocked.Decrement(ref _helpers);
    }

    /// <summary>Claims systems of the current batch one at a time and runs them; never throws.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunClaimedAsync()
    {
        int system;
        while ((system = Claim()) >= 0)
        {
            ValueTask run = RunSystem(system);
            if (!run.IsCompleted)
            {
                await run.ConfigureAwait(false);
            }

            SystemDone();
        }
    }

    /// <summary>The next unclaimed system of the current batch, or -1.</summary>
    private int Claim()
    {
        while (true)
        {
            long cursor = Volatile.Read(ref _cursor);
            long next = cursor & IndexMask;
            long count = (cursor >> IndexBits) & IndexMask;
            if (next >= count)
            {
                return -1;
            }

            if (Interlocked.CompareExchange(ref _cursor, cursor + 1, cursor) == cursor)
            {
                return _runnable[next];
            }
        }
    }

    private void SystemDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            if (_blocking)
            {
                _batchDoneEvent.Set();
            }
            else
            {
                _batchDone.SetResult(true);
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

    void IValueTaskSource.GetResult(short token) => _batchDone.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _batchDone.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _batchDone.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _batchDoneEvent.Dispose();
}
