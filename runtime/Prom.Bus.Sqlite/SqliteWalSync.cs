using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>
/// Makes committed WAL frames durable with an fsync of the <c>-wal</c> file done by the store itself, outside SQLite's
/// write lock (the connection runs <c>synchronous=NORMAL</c>, so COMMIT only writes the frames). While one caller
/// waits for the disk, others keep committing; fsyncs are grouped: every caller that committed before a sync started
/// is covered by it, so many commits share one fsync.
/// <para>Why this is as durable as <c>synchronous=FULL</c> for a caller that awaited <see cref="SyncAsync"/>: fsync
/// flushes every byte written to the file before the call, and WAL recovery keeps every commit whose frames are intact,
/// in order. Checkpoints sync the WAL and the database themselves (SQLite does that in NORMAL mode too), so frames a
/// checkpoint moved into the database before this fsync are durable there.</para>
/// </summary>
internal sealed class SqliteWalSync : IDisposable
{
    private readonly FileStream _wal;
    private readonly GroupCommit<long, bool> _syncs;

    /// <summary>Log commits counted so far (incremented after each log COMMIT, under the store's gate).</summary>
    private long _logCommits;

    /// <summary>Every log commit up to this count is known to be fsynced.</summary>
    private long _syncedLogCommits;

    /// <summary>The fsync in progress and the log-commit count it covers (null between fsyncs).</summary>
    private RunningSync? _running;

    /// <param name="walPath">Path of the database's <c>-wal</c> file (it exists while the store's connection is open).</param>
    public SqliteWalSync(string walPath)
    {
        // Write access only because .NET flushes to disk only through a writable handle; nothing is ever written here.
        _wal = new FileStream(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        _syncs = new GroupCommit<long, bool>(RunSyncRoundAsync);
    }

    /// <summary>Number of fsyncs done (for tests and diagnostics).</summary>
    public long SyncCount { get; private set; }

    /// <summary>Counts a committed log write (call under the store's gate, after COMMIT).</summary>
    public void LogCommitted() => Interlocked.Increment(ref _logCommits);

    /// <summary>The log-commit count now; pass it to <see cref="IsSynced"/> later.</summary>
    public long LogCommits => Interlocked.Read(ref _logCommits);

    /// <summary>Whether every log commit up to <paramref name="logCommits"/> is fsynced.</summary>
    public bool IsSynced(long logCommits) => Interlocked.Read(ref _syncedLogCommits) >= logCommits;

    /// <summary>Returns once everything committed before the call is on disk.</summary>
    public async ValueTask SyncAsync() => await _syncs.RunAsync(0, CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Returns once every log commit up to <paramref name="logCommits"/> is on disk: at once when it already is, by
    /// joining the fsync in progress when that one covers them, else with a new fsync.
    /// </summary>
    public async ValueTask SyncUpToAsync(long logCommits)
    {
        if (IsSynced(logCommits))
        {
            return;
        }

        RunningSync? running = Volatile.Read(ref _running);
        if (running is not null && running.Covered >= logCommits)
        {
            await running.Done.ConfigureAwait(false);
            return;
        }

        await SyncAsync().ConfigureAwait(false);
    }

    public void Dispose() => _wal.Dispose();

    private Task RunSyncRoundAsync(List<GroupCommit<long, bool>.Pending> round)
    {
        // Read before the fsync: every commit counted here finished writing its frames, so this fsync covers it.
        long covered = Interlocked.Read(ref _logCommits);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _running, new RunningSync(done.Task, covered));
        try
        {
            _wal.Flush(flushToDisk: true);
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _running, null);
            done.TrySetException(ex);
            throw;
        }

        SyncCount++;
        long seen;
        while ((seen = Interlocked.Read(ref _syncedLogCommits)) < covered && Interlocked.CompareExchange(ref _syncedLogCommits, covered, seen) != seen)
        {
        }

        Volatile.Write(ref _running, null);
        done.TrySetResult();
        foreach (GroupCommit<long, bool>.Pending p in round)
        {
            p.Done.TrySetResult(true);
        }

        return Task.CompletedTask;
    }

    /// <summary>An fsync in progress: completes when it is done; covers the log commits counted before it started.</summary>
    private sealed record RunningSync(Task Done, long Covered);
}
