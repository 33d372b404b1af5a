using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>Appends and delivery-state writes go through group commit (<see cref="GroupCommit{TRequest, TResult}"/>).</summary>
public sealed partial class SqliteBusStore
{
    /// <summary>Thread-pool yields a state-round leader spends gathering more requests (see <see cref="CreateStateCommitter"/>).</summary>
    private const int StateGatherYields = 2;

    private GroupCommit<IReadOnlyList<PendingRecord>, IReadOnlyList<EventRecord>> CreateAppendCommitter() =>
        new(round => RunRoundAsync(round, AppendBatchTx, logWrite: true));

    /// <summary>
    /// Claims, acks, nacks, lease changes, heartbeats and idempotency marks share one committer, so a burst of them from
    /// many consumers (and many concurrent handlers of one consumer) costs one transaction. Acks are not run one by one:
    /// the round settles all of them together and advances each touched watermark once (<see cref="AckBatchTx"/>).
    /// <para>Each leader yields to the thread pool up to <see cref="StateGatherYields"/> times while its round is small:
    /// consumers ack right after their previous ack returned, and two yields let most of them join the round (measured:
    /// ~3× fewer transactions with 10 consumers, see docs/benchmarks.md).</para>
    /// </summary>
    private GroupCommit<SqliteStateWrite, object?> CreateStateCommitter() =>
        new(RunStateRoundAsync, StateGatherYields);

    private async ValueTask StateWriteVoidAsync(Func<int> body, CancellationToken ct) =>
        await _stateWrites.RunAsync(SqliteStateWrite.ForBody(() => body()), ct).ConfigureAwait(false);

    private async ValueTask<T> StateWriteAsync<T>(Func<T> body, CancellationToken ct) =>
        (T)(await _stateWrites.RunAsync(SqliteStateWrite.ForBody(() => body()), ct).ConfigureAwait(false))!;

    /// <summary>
    /// Runs a round in one transaction, each request in its own savepoint: a <see cref="BusException"/> (invalid
    /// input) undoes only that request's writes; any other exception aborts the whole round. Results are published to
    /// the callers only after the commit.
    /// </summary>
    private async Task RunRoundAsync<TRequest, TResult>(
        List<GroupCommit<TRequest, TResult>.Pending> round, Func<TRequest, TResult> body, bool logWrite)
    {
        object?[] outcomes = await WriteAsync(() =>
        {
            var results = new object?[round.Count];
            for (int i = 0; i < round.Count; i++)
            {
                if (round[i].TryStart()) // false: its caller was cancelled while the round waited for the lock
                {
                    results[i] = RunIsolatedTx(() => body(round[i].Request), alone: round.Count == 1);
                }
            }

            return results;
        }, CancellationToken.None, logWrite, () => GroupCommit<TRequest, TResult>.Pending.AllAbandoned(round)).ConfigureAwait(false);

        Complete(round, outcomes);
    }

    /// <summary>
    /// A state round: every ack of the round in one batch (an ack that fails writes nothing, so it needs no savepoint),
    /// then every other write in its own savepoint. Acks and other writes in one round were concurrent, so running the
    /// acks first is one valid order of them. Callers see their result only after the commit, so an ack's task completes
    /// only once the settle is committed, or with <see cref="SqliteBusStoreOptions.AckCommitDelay"/> once it is applied
    /// (a round of acks only: see <c>SqliteBusStore.PendingAcks.cs</c>).
    /// </summary>
    private async Task RunStateRoundAsync(List<GroupCommit<SqliteStateWrite, object?>.Pending> round)
    {
        long logCommitsSeen = 0;
        object?[] outcomes = await WriteAsync(() =>
        {
            logCommitsSeen = _walSync?.LogCommits ?? 0;
            var results = new object?[round.Count];
            List<int>? acks = null;
            int bodies = 0;
            var started = new bool[round.Count];
            for (int i = 0; i < round.Count; i++)
            {
                if (!(started[i] = round[i].TryStart()))
                {
                    continue; // its caller was cancelled while the round waited for the lock
                }

                if (round[i].Request.IsAck)
                {
                    (acks ??= []).Add(i);
                }
                else
                {
                    bodies++;
                }
            }

            if (acks is not null)
            {
                AckBatchTx(round, acks, results);
            }

            for (int i = 0; i < round.Count; i++)
            {
                if (started[i] && round[i].Request.Body is { } body)
                {
                    results[i] = RunIsolatedTx(body, alone: bodies == 1 && acks is null);
                }
            }

            return results;
        }, CancellationToken.None, logWrite: false, () => GroupCommit<SqliteStateWrite, object?>.Pending.AllAbandoned(round),
            ackRound: round.TrueForAll(p => p.Request.IsAck)).ConfigureAwait(false);

        // A claim may have leased records whose publish committed but is still being fsynced (their publisher has not
        // returned yet). Hand them out only once they are durable, so no consumer acts on a record a power loss could
        // take back. Records of this process only: another process on the file fsyncs before its publisher returns.
        if (_walSync is not null && !_walSync.IsSynced(logCommitsSeen) && Array.Exists(outcomes, o => o is IReadOnlyList<ClaimedRecord> { Count: > 0 }))
        {
            await _walSync.SyncUpToAsync(logCommitsSeen).ConfigureAwait(false);
        }

        Complete(round, outcomes);
    }

    /// <summary>
    /// Runs one request; a <see cref="BusException"/> becomes its result after its writes were undone. Alone in the
    /// transaction no savepoint is needed: the exception propagates and rolls back the whole (single-request) round.
    /// </summary>
    private object? RunIsolatedTx<TResult>(Func<TResult> body, bool alone)
    {
        if (alone)
        {
            return body();
        }

        _db.Execute("SAVEPOINT bus_round;");
        try
        {
            object? result = body();
            _db.Execute("RELEASE bus_round;");
            return result;
        }
        catch (BusException ex)
        {
            _db.Execute("ROLLBACK TO bus_round;");
            _db.Execute("RELEASE bus_round;");
            ForgetAfterRollback(); // the undone writes may have created a cached topic or lowered a due time
            return ex;
        }
    }

    private static void Complete<TRequest, TResult>(List<GroupCommit<TRequest, TResult>.Pending> round, object?[] outcomes)
    {
        for (int i = 0; i < round.Count; i++)
        {
            if (outcomes[i] is BusException ex)
            {
                round[i].SetException(ex);
            }
            else
            {
                round[i].SetResult((TResult)outcomes[i]!);
            }
        }
    }
}
