using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Sqlite;

/// <summary>
/// Group commit: requests that arrive while a commit is in progress queue up, and one caller at a time (the leader)
/// runs every queued request in one transaction — one fsync for all of them. Each request runs inside its own
/// savepoint (see <c>SqliteBusStore.RunRound</c>), so one invalid request fails alone. Every caller still returns only
/// after the commit that holds its work.
/// <para>Fairness: a caller leads only the round that holds its own request and then hands leadership to a pool
/// thread, so a steady stream of callers can never keep one of them waiting forever.</para>
/// </summary>
/// <typeparam name="TRequest">Request type.</typeparam>
/// <typeparam name="TResult">Result type.</typeparam>
internal sealed class SqliteGroupCommit<TRequest, TResult>
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
    public SqliteGroupCommit(Func<List<Pending>, Task> commitRound, int gatherYields = 0)
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

        // Once queued the request is not cancellable: the leader may already be committing it.
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
                    p.Done.TrySetException(ex);
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
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
