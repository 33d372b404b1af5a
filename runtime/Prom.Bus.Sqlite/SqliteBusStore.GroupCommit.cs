using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Sqlite;

/// <summary>
/// Group commit of appends. Publishes that arrive while a commit is in progress queue up; one caller at a time is the
/// leader and writes every queued batch in one transaction (one fsync), each batch inside its own savepoint so that an
/// invalid batch fails alone. Every caller still returns only after the commit that holds its records.
/// </summary>
public sealed partial class SqliteBusStore
{
    private readonly Lock _appendLock = new();

    /// <summary>Batches waiting for the next commit; guarded by <see cref="_appendLock"/>.</summary>
    private List<PendingAppend> _appendQueue = [];

    /// <summary>Whether a leader is draining <see cref="_appendQueue"/>; guarded by <see cref="_appendLock"/>.</summary>
    private bool _appendLeader;

    private async ValueTask<IReadOnlyList<EventRecord>> GroupAppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var mine = new PendingAppend(records);
        bool lead;
        lock (_appendLock)
        {
            _appendQueue.Add(mine);
            lead = !_appendLeader;
            _appendLeader = true;
        }

        // Once queued the batch is not cancellable: the leader may already be committing it.
        if (lead)
        {
            await LeadAsync(background: false).ConfigureAwait(false);
        }

        return await mine.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Commits queued rounds. A caller leads only the round that holds its own batch and then hands leadership to a
    /// pool thread, so a steady stream of publishers can never keep one caller waiting forever.
    /// </summary>
    private async Task LeadAsync(bool background)
    {
        while (true)
        {
            List<PendingAppend> round;
            lock (_appendLock)
            {
                if (_appendQueue.Count == 0)
                {
                    _appendLeader = false;
                    return;
                }

                round = _appendQueue;
                _appendQueue = [];
            }

            await CommitRoundAsync(round).ConfigureAwait(false);
            if (!background)
            {
                lock (_appendLock)
                {
                    if (_appendQueue.Count == 0)
                    {
                        _appendLeader = false;
                        return;
                    }
                }

                _ = Task.Run(() => LeadAsync(background: true));
                return;
            }
        }
    }

    private async Task CommitRoundAsync(List<PendingAppend> round)
    {
        object[] outcomes;
        try
        {
            outcomes = await WriteAsync(() => AppendRoundTx(round), CancellationToken.None, logWrite: true).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The commit itself failed (I/O error, disposed store): nothing of this round is stored.
            foreach (PendingAppend p in round)
            {
                p.Done.TrySetException(ex);
            }

            return;
        }

        for (int i = 0; i < round.Count; i++)
        {
            if (outcomes[i] is Exception ex)
            {
                round[i].Done.TrySetException(ex);
            }
            else
            {
                round[i].Done.TrySetResult((IReadOnlyList<EventRecord>)outcomes[i]);
            }
        }
    }

    private object[] AppendRoundTx(List<PendingAppend> round)
    {
        var outcomes = new object[round.Count];
        for (int i = 0; i < round.Count; i++)
        {
            _db.Execute("SAVEPOINT bus_append;");
            try
            {
                outcomes[i] = AppendBatchTx(round[i].Records);
                _db.Execute("RELEASE bus_append;");
            }
            catch (BusException ex)
            {
                // Invalid input of one publisher: undo only its rows; the others in the round still commit.
                _db.Execute("ROLLBACK TO bus_append;");
                _db.Execute("RELEASE bus_append;");
                outcomes[i] = ex;
            }
        }

        return outcomes;
    }

    private sealed class PendingAppend(IReadOnlyList<PendingRecord> records)
    {
        public IReadOnlyList<PendingRecord> Records { get; } = records;

        public TaskCompletionSource<IReadOnlyList<EventRecord>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
