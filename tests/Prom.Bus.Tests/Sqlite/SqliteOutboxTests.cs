using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Prom.Bus.Outbox;
using Prom.Bus.Sqlite;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

public sealed class SqliteOutboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-outbox-").FullName;

    [Fact]
    public async Task BusinessRowAndOutboxRow_CommitTogether_RollbackPublishesNothing_AndTheOutboxIdBecomesTheEventId()
    {
        string app = Path.Combine(_dir, "app.db");
        using var conn = new SqliteConnection($"Data Source={app}");
        conn.Open();
        Exec(conn, "CREATE TABLE orders(id INTEGER PRIMARY KEY, total REAL)");
        SqliteOutbox.EnsureSchema(conn);

        string committedId;
        using (SqliteTransaction tx = conn.BeginTransaction())
        {
            Exec(conn, "INSERT INTO orders(id, total) VALUES(1, 9.5)", tx);
            committedId = SqliteOutbox.Enqueue(tx, PublishRequest.FromJson("orders.created", """{"id":1}""") with { Key = "order-1" });
            tx.Commit();
        }

        using (SqliteTransaction tx = conn.BeginTransaction())
        {
            Exec(conn, "INSERT INTO orders(id, total) VALUES(2, 1.0)", tx);
            SqliteOutbox.Enqueue(tx, PublishRequest.FromJson("orders.created", """{"id":2}"""));
            tx.Rollback();
        }

        await using var store = new SqliteBusStore(Path.Combine(_dir, "bus.db"));
        await using var bus = new EventBus(store);
        using var outbox = new SqliteOutbox(app);
        Assert.Equal(1, await new OutboxDrainer(bus, outbox).DrainOnceAsync());
        Assert.Equal(0, await new OutboxDrainer(bus, outbox).DrainOnceAsync());

        var log = await store.ReadAsync("orders.created", 0, 1, 10);
        EventRecord only = Assert.Single(log);
        Assert.Equal(committedId, only.Id);
        Assert.Equal("order-1", only.Key);
    }

    [Fact]
    public async Task CrashBetweenPublishAndMark_RedrainDoesNotDuplicate()
    {
        string app = Path.Combine(_dir, "app2.db");
        using (var conn = new SqliteConnection($"Data Source={app}"))
        {
            conn.Open();
            SqliteOutbox.EnsureSchema(conn);
            using SqliteTransaction tx = conn.BeginTransaction();
            for (int i = 0; i < 3; i++)
            {
                SqliteOutbox.Enqueue(tx, PublishRequest.FromValue("orders.paid", i));
            }

            tx.Commit();
        }

        await using var store = new SqliteBusStore(Path.Combine(_dir, "bus2.db"));
        await using var bus = new EventBus(store);
        using var outbox = new SqliteOutbox(app);
        var crashing = new CrashOnMark(outbox);
        await Assert.ThrowsAsync<IOException>(async () => await new OutboxDrainer(bus, crashing).DrainOnceAsync());
        Assert.Equal(3, (await store.ReadAsync("orders.paid", 0, 1, 10)).Count);

        Assert.Equal(3, await new OutboxDrainer(bus, outbox).DrainOnceAsync()); // re-drain after the "crash"
        Assert.Equal(3, (await store.ReadAsync("orders.paid", 0, 1, 10)).Count);
        Assert.Equal(0, await new OutboxDrainer(bus, outbox).DrainOnceAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static void Exec(SqliteConnection conn, string sql, SqliteTransaction? tx = null)
    {
        using SqliteCommand cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Publishing works, then the process "dies" before the rows are marked.</summary>
    private sealed class CrashOnMark(IOutboxSource inner) : IOutboxSource
    {
        public ValueTask<IReadOnlyList<PublishRequest>> FetchPendingAsync(int max, CancellationToken ct = default) => inner.FetchPendingAsync(max, ct);

        public ValueTask MarkPublishedAsync(IReadOnlyList<string> ids, CancellationToken ct = default) => throw new IOException("simulated crash before mark");
    }
}
