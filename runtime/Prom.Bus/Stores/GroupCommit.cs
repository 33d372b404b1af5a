using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// Group commit: requests that arrive while a commit is in progress queue up, and one caller at a time (the leader)
/// runs every queued request in one transaction — one fsync (SQLite) or one commit round trip (PostgreSQL) for all of
/// them. The store's round runs each request so that one invalid request fails alone. Every caller still returns only
/// after the commit that holds its work.
/// <para>Cancellation: a caller whose token fires while its request still waits (in the queue, or in a round that has not
/// started its work yet, for example while the store waits for a lock) gets <see cref="OperationCanceledException"/> at
/// once, and the round skips the request (<see cref="Pending.TryStart"/> is false). Once started, a request completes
/// with the round.</para>
/// <para>Fairness: a caller leads only the round that holds its own request and then hands leadership to a pool
/// thread, so a steady stream of callers can never keep one of them waiting forever.</para>
/// </summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResult">Result type.</typeparam>
internal sealed class GroupCommit<TRequest, TResult>
{
    private readonly Func<List<Pending>, Task> _commitRound;
    private readonly Lock _lock = new();

    /// <summary>Rounds smaller than this wait up to <see cref="_gatherYields"/> thread-pool yields for more requests.</summary>
    private const int GatherTarget = 8;

    /// <summary>How many times a leader yields to gather more requests before a small round (0 = commit at once).</summary>
    private readonly int _gatherYields;

    /// <summary>Requests in the previous round (a hint whether gathering is worth it).</summary>
    private int _lastRoundSize;

    /// <summary>Requests waiting for the next round; guarded by <see cref="_lock"/>.</summary>
    private List<Pending> _queue = [];

    /// <summary>Whether a leader is draining <see cref="_queue"/>; guarded by <see cref="_lock"/>.</summary>
    private bool _leading;

    /// <param name="commitRound">Runs one round in one transaction and completes every request's <see cref="Pending.Done"/>.</param>
    /// <param name="gatherYields">Thread-pool yields a leader may spend gathering more requests before a small round.</param>
    public GroupCommit(Func<List<Pending>, Task> commitRound, int gatherYields = 0)
    {
        _commitRound = commitRound;
        _gatherYields = gatherYields;
    }

    public async ValueTask<TResult> RunAsync(TRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var mine = new Pending(request);
        bool lead;
        lock (_lock)
        {
            _queue.Add(mine);
            lead = !_leading;
            _leading = true;
        }

        using CancellationTokenRegistration registration = ct.CanBeCanceled
            ? ct.Register(static state => ((Pending)state!).TryAbandon(), mine)
            : default;
        if (lead)
        {
            await LeadAsync(background: false).ConfigureAwait(false);
        }

        return await mine.Done.Task.ConfigureAwait(false);
    }

    private async Task LeadAsync(bool background)
    {
        while (true)
        {
            // Only when the last round had company: a lone caller (one consumer, a request-response round trip) gains
            // nothing from waiting, while under concurrency the yields turn many small rounds into a few large ones.
            if (_gatherYields > 0 && Volatile.Read(ref _lastRoundSize) > 1)
            {
                int queued;
                lock (_lock)
                {
                    queued = _queue.Count;
                }

                // Group-commit window: give the thread pool a moment to run the continuations that are about to queue more
                // requests (other consumers acking right after their previous ack returned), so they share this round.
                for (int y = 0; y < _gatherYields && queued < GatherTarget; y++)
                {
                    await Task.Yield();
                    lock (_lock)
                    {
                        queued = _queue.Count;
                    }
                }
            }

            List<Pending> round;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _leading = false;
                    return;
                }

                round = _queue;
                _queue = [];
                _lastRoundSize = round.Count;
            }

            try
            {
                await _commitRound(round).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The commit itself failed (I/O error, disposed store): nothing of this round is stored.
                foreach (Pending p in round)
                {
                    p.SetException(ex);
                }
            }

            if (!background)
            {
                lock (_lock)
                {
                    if (_queue.Count == 0)
                    {
                        _leading = false;
                        return;
                    }
                }

                _ = Task.Run(() => LeadAsync(background: true));
                return;
            }
        }
    }

    /// <summary>One queued request and its completion.</summary>
    internal sealed class Pending(TRequest request)
    {
        /// <summary>0 waiting, 1 started by a round, 2 abandoned by its caller.</summary>
        private int _state;

        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Called by the round right before it does the request's work; false when the caller gave up (skip it).</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        /// <summary>The caller's cancellation: completes it as cancelled unless a round already started its work.</summary>
        public void TryAbandon()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                Done.TrySetCanceled();
            }
        }

        /// <summary>
        /// Completes a started request with the round's result. A request its caller abandoned is skipped: between the
        /// abandon's state change and its <c>TrySetCanceled</c> a fast round could otherwise complete it first, and the
        /// cancelled caller would get the skipped request's empty (null) result as if it had run.
        /// </summary>
        public void SetResult(TResult result)
        {
            if (Volatile.Read(ref _state) == 1)
            {
                Done.TrySetResult(result);
            }
        }

        /// <summary>Fails a request that its caller has not abandoned (an abandoned one completes as cancelled).</summary>
        public void SetException(Exception exception)
        {
            if (Volatile.Read(ref _state) != 2)
            {
                Done.TrySetException(exception);
            }
        }

        /// <summary>Whether every request of a round was abandoned (the round may stop waiting for its lock).</summary>
        public static bool AllAbandoned(List<Pending> round) => round.TrueForAll(p => Volatile.Read(ref p._state) == 2);
    }
}
