using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>Appends and delivery-state writes go through group commit (<see cref="SqliteGroupCommit{TRequest, TResult}"/>).</summary>
public sealed partial class SqliteBusStore
{
    private SqliteGroupCommit<IReadOnlyList<PendingRecord>, IReadOnlyList<EventRecord>> CreateAppendCommitter() =>
        new(round => RunRoundAsync(round, AppendBatchTx, logWrite: true));

    /// <summary>Claims, acks, nacks, lease changes, heartbeats and idempotency marks share one committer, so a burst of them from many consumers costs one transaction.</summary>
    private SqliteGroupCommit<Func<object?>, object?> CreateStateCommitter() =>
        new(round => RunRoundAsync(round, body => body(), logWrite: false));

    private async ValueTask StateWriteVoidAsync(Func<int> body, System.Threading.CancellationToken ct) =>
        await _stateWrites.RunAsync(() => body(), ct).ConfigureAwait(false);

    private async ValueTask<T> StateWriteAsync<T>(Func<T> body, System.Threading.CancellationToken ct) =>
        (T)(await _stateWrites.RunAsync(() => body(), ct).ConfigureAwait(false))!;

    /// <summary>
    /// Runs a round in one transaction, each request in its own savepoint: a <see cref="BusException"/> (invalid
    /// input) undoes only that request's writes; any other exception aborts the whole round. Results are published to
    /// the callers only after the commit.
    /// </summary>
    private async Task RunRoundAsync<TRequest, TResult>(
        List<SqliteGroupCommit<TRequest, TResult>.Pending> round, Func<TRequest, TResult> body, bool logWrite)
    {
        object?[] outcomes = await WriteAsync(() =>
        {
            var results = new object?[round.Count];
            if (round.Count == 1)
            {
                // Alone in the round: no savepoint needed, a BusException rolls back the whole (single) transaction.
                results[0] = body(round[0].Request);
                return results;
            }

            for (int i = 0; i < round.Count; i++)
            {
                _db.Execute("SAVEPOINT bus_round;");
                try
                {
                    results[i] = body(round[i].Request);
                    _db.Execute("RELEASE bus_round;");
                }
                catch (BusException ex)
                {
                    _db.Execute("ROLLBACK TO bus_round;");
                    _db.Execute("RELEASE bus_round;");
                    _topicCache.Clear(); // the undone writes may have created a cached topic
                    results[i] = ex;
                }
            }

            return results;
        }, System.Threading.CancellationToken.None, logWrite).ConfigureAwait(false);

        for (int i = 0; i < round.Count; i++)
        {
            if (outcomes[i] is BusException ex)
            {
                round[i].Done.TrySetException(ex);
            }
            else
            {
                round[i].Done.TrySetResult((TResult)outcomes[i]!);
            }
        }
    }
}
