using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Outbox;

namespace Prom.Bus.Postgres;

/// <summary>
/// Transactional outbox on PostgreSQL: <see cref="EnqueueAsync"/> writes the outbox row (table <c>&lt;schema&gt;.outbox</c>,
/// created by the store's migrations) inside the application's own <see cref="NpgsqlTransaction"/>, so the business
/// write and the event commit together or not at all. An <see cref="OutboxDrainer"/> over this source publishes the
/// pending rows with the outbox row id as the event id; several hosts may drain at once (a row published twice keeps
/// its id, and the store returns the stored record instead of appending it again).
/// </summary>
public sealed class PostgresOutbox : IOutboxSource, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <summary>A drain source on the database of <paramref name="connectionString"/> (the bus store's database).</summary>
    public PostgresOutbox(string connectionString, string schema = "prom_bus")
    {
        new PostgresBusStoreOptions { ConnectionString = connectionString, Schema = schema }.Validate();
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = schema;
    }

    /// <summary>
    /// Writes an outbox row for <paramref name="request"/> inside <paramref name="transaction"/> and returns its id (the
    /// future event id). Validates the topic and headers now, so a bad row never reaches the outbox.
    /// </summary>
    /// <exception cref="BusException">Invalid topic, header key, payload or id, or a field over its <see cref="RecordLimits"/>.</exception>
    public static async Task<string> EnqueueAsync(NpgsqlTransaction transaction, PublishRequest request, string schema = "prom_bus", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        new PostgresBusStoreOptions { ConnectionString = "-", Schema = schema }.Validate();
        BusNames.ValidateTopic(request.Topic);
        BusNames.ValidateHeaders(request.Headers);
        RecordLimits.ValidatePayload(request.Topic, request.Payload.Span);
        RecordLimits.Validate(request);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string id = request.Id is null ? UuidV7.NewId(now) : BusNames.NormalizeId(request.Id);
        await using var cmd = new NpgsqlCommand(
            $"INSERT INTO {schema}.outbox(id, created_ts, topic, key, part, headers, payload, sid, caused_by, tags) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            transaction.Connection, transaction);
        cmd.Parameters.AddRange(new NpgsqlParameter[]
        {
            PgParams.Uuid(Guid.ParseExact(id, "D")), PgParams.Long(now), PgParams.Text(request.Topic), PgParams.Text(request.Key),
            new NpgsqlParameter<int?> { TypedValue = request.Partition }, PgParams.Jsonb(HeaderJson.Write(request.Headers ?? new Dictionary<string, string>())),
            PgParams.Bytes(request.Payload), PgParams.Text(request.Sid), PgParams.TextArray(request.CausedBy ?? []), PgParams.TextArray(request.Tags ?? []),
        });
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PublishRequest>> FetchPendingAsync(int max, CancellationToken ct = default)
    {
        var list = new List<PublishRequest>();
        await using NpgsqlCommand cmd = _dataSource.CreateCommand(
            $"SELECT id, topic, key, part, headers::text, payload, sid, caused_by, tags FROM {_schema}.outbox WHERE published_ts IS NULL ORDER BY created_ts, id LIMIT $1");
        cmd.Parameters.Add(PgParams.Int(max));
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new PublishRequest(r.GetString(1), r.GetFieldValue<byte[]>(5))
            {
                Id = r.GetGuid(0).ToString("D"),
                Key = r.IsDBNull(2) ? null : r.GetString(2),
                Partition = r.IsDBNull(3) ? null : r.GetInt32(3),
                Headers = HeaderJson.Read(r.IsDBNull(4) ? null : r.GetString(4)),
                Sid = r.IsDBNull(6) ? null : r.GetString(6),
                CausedBy = r.IsDBNull(7) ? [] : r.GetFieldValue<string[]>(7),
                Tags = r.IsDBNull(8) ? [] : r.GetFieldValue<string[]>(8),
            });
        }

        return list;
    }

    /// <inheritdoc />
    public async ValueTask MarkPublishedAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var guids = new Guid[ids.Count];
        for (int i = 0; i < guids.Length; i++)
        {
            guids[i] = Guid.ParseExact(ids[i], "D");
        }

        await using NpgsqlCommand cmd = _dataSource.CreateCommand($"UPDATE {_schema}.outbox SET published_ts=$1 WHERE id = ANY($2)");
        cmd.Parameters.Add(PgParams.Long(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        cmd.Parameters.Add(PgParams.UuidArray(guids));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
