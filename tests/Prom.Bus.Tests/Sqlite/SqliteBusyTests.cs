using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Prom.Bus.Sqlite;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

/// <summary>
/// Another connection (as another process would) holds SQLite's write lock: the store's busy timeout and the caller's
/// cancellation are honoured, also for requests queued in group commit, and the error is a <see cref="BusException"/>.
/// </summary>
public sealed class SqliteBusyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-busy-").FullName;

    private string Db => Path.Combine(_dir, "bus.db");

    [Fact]
    public async Task WriteLockHeldElsewhere_PublishFailsWithStoreBusy_AfterTheBusyTimeout_AndNothingIsStored()
    {
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = Db, BusyTimeout = TimeSpan.FromMilliseconds(500) });
        await using var bus = new EventBus(store);
        await bus.CreateTopicAsync(new TopicConfig("busy"));
        using (HoldWriteLock())
        {
            var ex = await Assert.ThrowsAsync<BusException>(async () => await bus.PublishAsync(PublishRequest.FromValue("busy", 1)));
            Assert.Equal(BusErrorCode.StoreBusy, ex.Code);
            Assert.Contains("BusyTimeout", ex.Message);
        }

        Assert.Empty(await store.ReadAsync("busy", 0, 1, 10));
        Assert.Equal(1, (await bus.PublishAsync(PublishRequest.FromValue("busy", 2))).Offset); // free again: works
    }

    [Fact]
    public async Task WriteLockHeldElsewhere_CancellationEndsTheWait_ForTheCallerAndForRequestsQueuedBehindIt()
    {
        // A busy timeout far longer than the test: only cancellation can end these waits.
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = Db, BusyTimeout = TimeSpan.FromMinutes(5) });
        await using var bus = new EventBus(store);
        await bus.CreateTopicAsync(new TopicConfig("busy"));
        var clock = Stopwatch.StartNew();
        using (HoldWriteLock())
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            // The first publish leads a round that waits for the lock; the others queue behind it in group commit.
            Task[] publishes = new Task[4];
            for (int i = 0; i < publishes.Length; i++)
            {
                publishes[i] = bus.PublishAsync(PublishRequest.FromValue("busy", i), cancel.Token).AsTask();
            }

            foreach (Task p in publishes)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => p.WaitAsync(TimeSpan.FromSeconds(60)));
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"the cancelled publishes waited {clock.Elapsed}");
        Assert.Empty(await store.ReadAsync("busy", 0, 1, 10));
        Assert.Equal(1, (await bus.PublishAsync(PublishRequest.FromValue("busy", 9))).Offset);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A second connection (unpooled) in <c>BEGIN IMMEDIATE</c>: holds the write lock until disposed.</summary>
    private LockHolder HoldWriteLock() => new(Db);

    private sealed class LockHolder : IDisposable
    {
        private readonly SqliteConnection _conn;

        public LockHolder(string db)
        {
            _conn = new SqliteConnection($"Data Source={db};Pooling=False");
            _conn.Open();
            Exec("BEGIN IMMEDIATE;");
        }

        public void Dispose()
        {
            Exec("ROLLBACK;");
            _conn.Dispose();
        }

        private void Exec(string sql)
        {
            using SqliteCommand cmd = _conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
