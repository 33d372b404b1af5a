using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>Running ticks.</summary>
public sealed partial class Scheduler
{
    /// <summary>
    /// Runs one tick. The first call first runs the startup stages (<see cref="StagePlan.RunsOnce"/>) as a tick of
    /// their own (dt 0, with its own commit and effects), so entities they create exist in the first regular tick.
    /// A tick: events queued since the last tick become visible; <see cref="World.BeginTick"/>; the
    /// <see cref="FrameTime"/> resource is set; batches run in order, the systems of a batch in parallel (ShouldRun →
    /// Prepare → RunAsync → Cleanup each); one <see cref="World.EndTick"/> (swap, changed, command playback); then the
    /// effects of every system run in plan order and their results are queued as events for the next tick.
    /// </summary>
    /// <remarks>
    /// <para>Failure: when systems of a batch fail, the remaining batches are skipped, the world still commits what
    /// completed (so it stays consistent; rows a failed system did not write keep their previous values), the effects of
    /// the systems that completed run, the failed systems' effects are dropped, and <see cref="SystemFailedException"/>
    /// (naming every failed system) is thrown. The next tick runs normally.</para>
    /// <para>Cancellation (checked between batches): the remaining batches are skipped, the world commits, effects
    /// stay queued and run after the next tick, then <see cref="OperationCanceledException"/> is thrown.</para>
    /// <para>A commit exception (strict coverage) is thrown after the effects ran.</para>
    /// </remarks>
    /// <param name="deltaSeconds">The step of this tick (exposed through <see cref="FrameTime"/>).</param>
    /// <param name="cancellationToken">Passed to every system; aborts the tick between batches.</param>
    /// <exception cref="InvalidOperationException">The previous tick is still running (ticks never overlap).</exception>
    public ValueTask TickAsync(float deltaSeconds, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            return RunAsync(deltaSeconds, blocking: false, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref _ticking, 0);
            throw;
        }
    }

    /// <summary>
    /// Runs one tick and blocks until it completes; with synchronous systems the ticking thread waits for the batch
    /// helpers on an event instead of suspending, so a steady-state tick allocates nothing. See <see cref="TickAsync"/>.
    /// </summary>
    /// <param name="deltaSeconds">The step of this tick.</param>
    /// <exception cref="InvalidOperationException">The previous tick is still running.</exception>
    public void Tick(float deltaSeconds)
    {
        Enter();
        ValueTask run;
        try
        {
            run = RunAsync(deltaSeconds, blocking: true, CancellationToken.None);
        }
        catch
        {
            Volatile.Write(ref _ticking, 0);
            throw;
        }

        if (run.IsCompleted)
        {
            run.GetAwaiter().GetResult();
        }
        else
        {
            // An async system really suspended: block on it (allocates a Task for this tick only).
            run.AsTask().GetAwaiter().GetResult();
        }
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.CompareExchange(ref _ticking, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                $"A tick was started while tick {World.Tick} is still running: ticks never overlap. Await the previous TickAsync first (the hosted loop coalesces late ticks instead of queuing them).");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunAsync(float deltaSeconds, bool blocking, CancellationToken cancellationToken)
    {
        try
        {
            if (!_startupDone)
            {
                _startupDone = true;
                if (_startupStages.Length > 0)
                {
                    await RunWorldTickAsync(_startupStages, 0f, blocking, cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                await RunWorldTickAsync(_tickStages, deltaSeconds, blocking, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _ticks++;
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunWorldTickAsync(StagePlan[] stages, float deltaSeconds, bool blocking, CancellationToken cancellationToken)
    {
        Effects.FlipEvents();
        long tick = World.Tick;
        World.BeginTick();
        ref FrameTime time = ref World.Resource<FrameTime>();
        _elapsedSeconds += deltaSeconds;
        time.DeltaSeconds = deltaSeconds;
        time.ElapsedSeconds = _elapsedSeconds;
        time.Tick = tick;

        _executor.ClearFailures();
        bool cancelled = false;
        foreach (StagePlan stage in stages)
        {
            foreach (int[] batch in stage.BatchArrays)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                ValueTask run = _executor.RunAsync(batch, blocking, cancellationToken);
                if (!run.IsCompleted)
                {
                    await run.ConfigureAwait(false);
                }

                if (_executor.FailureCount > 0)
                {
                    break;
                }
            }

            if (cancelled || _executor.FailureCount > 0)
            {
                break;
            }
        }

        Exception? commitException = null;
        try
        {
            World.EndTick();
        }
        catch (Exception exception)
        {
            commitException = exception;
        }

        if (_executor.FailureCount == 0 && !cancelled)
        {
            await RunEffectsAsync(discard: null, commitException, cancellationToken).ConfigureAwait(false);
            return;
        }

        List<SystemFailure> failures = CollectFailures();
        if (cancellationToken.IsCancellationRequested && failures.TrueForAll(f => f.Exception is OperationCanceledException))
        {
            // Cancelled: what completed is committed; effects stay queued for the next tick's effect run.
            foreach (SystemFailure failure in failures)
            {
                ClearLanes(Plan.IndexOf(failure.SystemName));
            }

            if (commitException is not null)
            {
                throw new AggregateException(new OperationCanceledException(cancellationToken), commitException);
            }

            throw new OperationCanceledException("The tick was cancelled; the world committed what completed.", null, cancellationToken);
        }

        foreach (SystemFailure failure in failures)
        {
            _discardEffects[Plan.IndexOf(failure.SystemName)] = true;
        }

        Exception? effectException = null;
        try
        {
            await RunEffectsAsync(_discardEffects, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            effectException = exception;
        }
        finally
        {
            Array.Clear(_discardEffects);
        }

        throw new SystemFailedException(tick, failures, commitException, effectException);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunEffectsAsync(bool[]? discard, Exception? commitException, CancellationToken cancellationToken)
    {
        try
        {
            await Effects.RunAsync(discard, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception effectException) when (commitException is not null)
        {
            throw new AggregateException(commitException, effectException);
        }

        if (commitException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(commitException);
        }
    }

    /// <summary>The failures of this tick in plan order.</summary>
    private List<SystemFailure> CollectFailures()
    {
        var failures = new List<SystemFailure>();
        for (int i = 0; i < _runners.Length; i++)
        {
            Exception? failure = _executor.FailureOf(i);
            if (failure is not null)
            {
                failures.Add(new SystemFailure(_runners[i].Name, failure));
            }
        }

        return failures;
    }

    private void ClearLanes(int system)
    {
        foreach (IEffectLane lane in _contexts[system].Lanes)
        {
            lane.Clear();
        }
    }
}
