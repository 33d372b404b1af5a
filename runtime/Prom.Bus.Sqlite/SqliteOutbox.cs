using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Prom.Bus.Outbox;

namespace Prom.Bus.Sqlite;

/// <summary>
/// Transactional outbox in the application's own SQLite database: <see cref="Enqueue"/> writes the outbox row inside
/// the transaction that writes the business rows, so both commit or neither does. An <see cref="OutboxDrainer"/> over
/// this source publishes pending rows with the outbox row id as the event id.
/// </summary>
public sealed class SqliteOutbox : IOutboxSource, IDisposable
{
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS bus_outbox(
            id TEXT PRIMARY KEY, created_ts INTEGER NOT NULL, topic TEXT NOT NULL, key TEXT, part INTEGER,
            headers TEXT, payload BLOB NOT NULL, sid TEXT, caused_by TEXT, tags TEXT, published_ts INTEGER);
        CREATE INDEX IF NOT EXISTS bus_outbox_pending ON bus_outbox(created_ts, id) WHERE published_ts IS NULL;
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    static SqliteOutbox()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>Opens the application database at <paramref name="path"/> (WAL) for draining and creates the outbox table.</summary>
    public SqliteOutbox(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        _connection.Open();
        Exec(_connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        EnsureSchema(_connection);
    }

    /// <summary>Creates the <c>bus_outbox</c> table on the application's connection when missing.</summary>
    public static void EnsureSchema(SqliteConnection connection) => Exec(connection, null, CreateSql);

    /// <summary>
    /// Writes an outbox row for <paramref name="request"/> inside <paramref name="transaction"/> and returns its id
    /// (the future event id). Validates the topic and headers now, so a bad row never reaches the outbox.
    /// </summary>
    /// <exception cref="BusException">Invalid topic, header key or payload, or a field over its <see cref="RecordLimits"/>.</exception>
    public static string Enqueue(SqliteTransaction transaction, PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        BusNames.ValidateTopic(request.Topic);
        BusNames.ValidateHeaders(request.Headers);
        RecordLimits.ValidatePayload(request.Topic, request.Payload.Span);
        RecordLimits.Validate(request);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string id = request.Id is null ? UuidV7.NewId(now) : BusNames.NormalizeId(request.Id);
        using SqliteCommand cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "INSERT INTO bus_outbox(id, created_ts, topic, key, part, headers, payload, sid, caused_by, tags) VALUES(@i, @c, @t, @k, @p, @h, @b, @s, @cb, @g)";
        cmd.Parameters.AddWithValue("@i", id);
        cmd.Parameters.AddWithValue("@c", now);
        cmd.Parameters.AddWithValue("@t", request.Topic);
        cmd.Parameters.AddWithValue("@k", (object?)request.Key ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@p", (object?)request.Partition ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@h", SqliteJson.Headers(request.Headers ?? new Dictionary<string, string>()));
        cmd.Parameters.AddWithValue("@b", request.Payload.ToArray());
        cmd.Parameters.AddWithValue("@s", (object?)request.Sid ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@cb", SqliteJson.Strings(request.CausedBy ?? []));
        cmd.Parameters.AddWithValue("@g", SqliteJson.Strings(request.Tags ?? []));
        cmd.ExecuteNonQuery();
        return id;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PublishRequest>> FetchPendingAsync(int max, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var list = new List<PublishRequest>();
            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT id, topic, key, part, headers, payload, sid, caused_by, tags FROM bus_outbox WHERE published_ts IS NULL ORDER BY created_ts, id LIMIT @n";
            cmd.Parameters.AddWithValue("@n", max);
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(new PublishRequest(r.GetString(1), r.GetFieldValue<byte[]>(5))
                {
                    Id = r.GetString(0),
                    Key = r.IsDBNull(2) ? null : r.GetString(2),
                    Partition = r.IsDBNull(3) ? null : r.GetInt32(3),
                    Headers = SqliteJson.ReadHeaders(r.IsDBNull(4) ? null : r.GetString(4)),
                    Sid = r.IsDBNull(6) ? null : r.GetString(6),
                    CausedBy = SqliteJson.ReadStrings(r.IsDBNull(7) ? null : r.GetString(7)),
                    Tags = SqliteJson.ReadStrings(r.IsDBNull(8) ? null : r.GetString(8)),
                });
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask MarkPublishedAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE bus_outbox SET published_ts=@t WHERE id=@i";
            SqliteParameter ts = cmd.Parameters.AddWithValue("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            SqliteParameter id = cmd.Parameters.Add("@i", SqliteType.Text);
            foreach (string i in ids)
            {
                id.Value = i;
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private static void Exec(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
