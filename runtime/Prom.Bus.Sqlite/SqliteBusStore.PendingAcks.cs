using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Prom.Bus.Sqlite;

/// <summary>
/// Acks applied but not yet committed (<see cref="SqliteBusStoreOptions.AckCommitDelay"/> above zero). A delivery-state
/// round made only of acks leaves its transaction open and returns; every later operation of this store runs inside
/// that transaction (so it sees the acks), each write in its own savepoint so that a failure undoes only its own work,
/// and a write that is not such a round commits it, acks included. A timer commits what is still open after the delay.
/// All of it runs under the store's gate, like every other use of the connection.
/// </summary>
public sealed partial class SqliteBusStore
{
    /// <summary>The largest <see cref="SqliteBusStoreOptions.AckCommitDelay"/>: other processes wait this long for the write lock at most.</summary>
    public static readonly TimeSpan MaxAckCommitDelay = TimeSpan.FromSeconds(1);

    /// <summary>A transaction holding applied, uncommitted acks is open (under the gate).</summary>
    private bool _pendingAcks;

    /// <summary>Counts the transactions of pending acks, so a timer commits only the one it was started for.</summary>
    private long _pendingAcksGeneration;

    /// <summary>Runs <paramref name="body"/> inside the open transaction of pending acks, in a savepoint.</summary>
    private T RunInPendingAcksTx<T>(Func<T> body)
    {
        _db.Execute("SAVEPOINT bus_pending;");
        try
        {
            T result = body();
            _db.Execute("RELEASE bus_pending;");
            return result;
        }
        catch
        {
            ForgetAfterRollback();
            try
            {
                _db.Execute("ROLLBACK TO bus_pending;");
                _db.Execute("RELEASE bus_pending;");
            }
            catch (SqliteException)
            {
                // The connection lost the transaction itself (SQLite rolls back on some errors): nothing is pending now.
                RollbackQuietly();
                _pendingAcks = false;
            }

            CommitPendingAcksQuietly(); // the acks before this write were confirmed: keep them
            throw;
        }
    }

    /// <summary>Marks the transaction just used by an ack round as pending and starts its commit timer.</summary>
    private void OpenPendingAcks()
    {
        _pendingAcks = true;
        long generation = ++_pendingAcksGeneration;
        _ = CommitPendingAcksLaterAsync(generation);
    }

    /// <summary>Commits the pending acks (no-op when none); a failed commit rolls back, forgets what the store learned in it, and throws.</summary>
    private void CommitPendingAcks()
    {
        if (!_pendingAcks)
        {
            return;
        }

        _pendingAcks = false;
        try
        {
            _db.Execute("COMMIT;");
        }
        catch
        {
            ForgetAfterRollback();
            RollbackQuietly();
            throw;
        }
    }

    /// <summary>
    /// Commits the pending acks where nobody waits for the outcome (the timer, disposal, after another write failed).
    /// If the commit fails those acks are lost, exactly as in a crash: their records are delivered again once their
    /// leases expire.
    /// </summary>
    private void CommitPendingAcksQuietly()
    {
        try
        {
            CommitPendingAcks();
        }
        catch (SqliteException)
        {
        }
    }

    private async Task CommitPendingAcksLaterAsync(long generation)
    {
        await Task.Delay(Options.AckCommitDelay).ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed && _pendingAcks && _pendingAcksGeneration == generation)
            {
                CommitPendingAcksQuietly();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
