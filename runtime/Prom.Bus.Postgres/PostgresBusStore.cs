using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary>
/// The server store: every bus table in one PostgreSQL schema, shared by every process and machine that opens it. Each
/// operation is one READ COMMITTED transaction on a pooled connection. Offsets are allocated from a per-partition row
/// (gap-free, see <see cref="PostgresSchema"/>); claims lock the group's cursor rows with <c>FOR UPDATE SKIP LOCKED</c>,
/// so members in different processes spread over partitions and never lease one record twice; appends send
/// <c>pg_notify</c> at commit (payload: topic and record count) and a dedicated <c>LISTEN</c> connection raises
/// <see cref="Appended"/> in every process, with the count, so each wakes one idle member per record rather than every
/// idle member of the topic.
/// <para>Durability: appends (publishes, dead-letter entries, the outbox) commit with the server's
/// <c>synchronous_commit</c> (durable with the default <c>on</c>). Delivery state — claims, acks, nacks, lease
/// extensions and releases — runs on a second pool whose sessions set <c>synchronous_commit=off</c> (with
/// <see cref="PostgresBusStoreOptions.DeliveryStateDurability"/> Normal, the default; Full keeps the server's): its
/// commits return before the WAL flush, and a server crash can forget the last few hundred milliseconds of them. That is safe for
/// at-least-once delivery: the WAL is replayed in commit order, so recovery yields the state as of some earlier commit (a
/// prefix, never a mix), and every delivery-state change it can lose only ever moves a record towards redelivery — a
/// forgotten claim or release leaves the record claimable, a forgotten ack leaves it unsettled (it is delivered again), a
/// forgotten lease extension or nack leaves the earlier lease (it expires and the record is delivered again). Nothing
/// durable can depend on a forgotten change, because any later durable commit flushes the WAL up to itself. It is what
/// SQLite's <c>DeliveryStateDurability.Normal</c> does; a claim or nack that dead-letters a record switches its own
/// transaction back to a durable commit.</para>
/// <para>Files by role: this one (plumbing, <see cref="IEventLog"/>), <c>.Groups</c> (<see cref="IConsumerGroupStore"/>
/// except claims), <c>.Claim</c>, <c>.Housekeeping</c> (<see cref="IMembershipStore"/>, <see cref="IIdempotencyStore"/>,
/// <see cref="ILogMaintenance"/>).</para>
/// </summary>
public sealed partial class PostgresBusStore : IBusStore, IAppendNotifier
{
    /// <summary>Most rows in one multi-row INSERT (11 parameters each; PostgreSQL allows 65,535).</summary>
    private const int InsertChunk = 1000;

    /// <summary>
    /// Thread-pool yields an ack round's leader may spend gathering more acks (only when the previous round had company):
    /// consumers that ack right after their previous ack returned join this round instead of waiting for the next.
    /// </summary>
    private const int AckGatherYields = 4;

    /// <summary>Attempts of an operation that lost a deadlock, a serialization check or a duplicate-id race.</summary>
    private const int MaxTries = 5;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>The delivery-state pool: the same server with <c>synchronous_commit=off</c> per session (see the class remarks).</summary>
    private readonly NpgsqlDataSource _deliverySource;
    private readonly PostgresSql _sql;
    private readonly PostgresListener? _listener;
    private readonly ConcurrentDictionary<string, TopicConfig> _topicCache = new(StringComparer.Ordinal);
    private readonly GroupCommit<DeliveryRef, SettleOutcome> _acks;
    private int _claimRotation;

    private PostgresBusStore(PostgresBusStoreOptions options, NpgsqlDataSource dataSource, NpgsqlDataSource deliverySource)
    {
        Options = options;
        _dataSource = dataSource;
        _deliverySource = deliverySource;
        _sql = new PostgresSql(options.Schema);
        _acks = new GroupCommit<DeliveryRef, SettleOutcome>(RunAckRoundAsync, gatherYields: AckGatherYields);
        if (options.Listen)
        {
            _listener = new PostgresListener(dataSource, _sql.Channel, OnNotification);
        }
    }

    /// <inheritdoc />
    public event Action<string, int>? Appended;

    /// <summary>
    /// The payload of a notification: <c>topic count</c> (topic names have no spaces). The count lets each process wake
    /// one idle member per record instead of every idle member of the topic.
    /// </summary>
    private static string NotifyPayload(string topic, int records) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{topic} {records}");

    /// <summary>A notification from the LISTEN connection; a payload of a bare topic (an older Prom.Bus) wakes every idle member.</summary>
    internal void OnNotification(string payload)
    {
        int space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && int.TryParse(payload.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int records))
        {
            Appended?.Invoke(payload[..space], records);
        }
        else
        {
            Appended?.Invoke(payload, int.MaxValue);
        }
    }

    /// <summary>Options in effect.</summary>
    public PostgresBusStoreOptions Options { get; }

    /// <summary>The schema version this binary reads and writes (the row count of <c>schema_version</c> after migration).</summary>
    public static int SchemaVersion => PostgresSchema.Current;

    /// <summary>Opens the store: connects, creates or migrates the schema and starts listening.</summary>
    /// <exception cref="BusException"><see cref="BusErrorCode.SchemaTooNew"/>: the database was migrated by a newer Prom.Bus.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refused the login.</exception>
    public static async Task<PostgresBusStore> OpenAsync(PostgresBusStoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var csb = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (csb.MaxAutoPrepare == 0)
        {
            csb.MaxAutoPrepare = 128;
            csb.AutoPrepareMinUsages = 2;
        }

        if (options.MaxPoolSize is { } pool)
        {
            csb.MaxPoolSize = pool;
        }

        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(csb.ConnectionString);
        NpgsqlDataSource deliverySource = NpgsqlDataSource.Create(DeliveryConnectionString(csb, options.DeliveryStateDurability));
        try
        {
            await PostgresSchema.EnsureAsync(dataSource, options.Schema, options.ApplyMigrations, ct).ConfigureAwait(false);
            var store = new PostgresBusStore(options, dataSource, deliverySource);
            if (store._listener is not null)
            {
                await store._listener.StartAsync(ct).ConfigureAwait(false);
            }

            return store;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            await deliverySource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Session settings of the delivery-state pool: <c>synchronous_commit=off</c> with
    /// <see cref="PostgresDurability.Normal"/> (see the class remarks; <see cref="PostgresDurability.Full"/> keeps the
    /// server's setting), and <c>enable_seqscan=off</c>. Every statement of this pool is a lookup by a primary-key
    /// prefix, but its auto-prepared plans can turn generic and stay so until the next ANALYZE: one made while <c>deliveries</c> or <c>events</c> looked
    /// empty (a new schema, or <c>deliveries</c> ANALYZEd between two bursts, which it often is) seq-scans once they have
    /// grown (psql EXPLAIN, 200,000 events: the fast claim 130 ms instead of 1 ms, a fresh read 16 ms instead of 0.05 ms).
    /// With seq scans off every plan of this pool uses the keys; planning each run afresh
    /// (<c>plan_cache_mode=force_custom_plan</c>) would cost 0.2-0.7 ms of server CPU per claim or ack statement.
    /// And <c>plan_cache_mode=force_generic_plan</c>: the statements are written so that their generic plan is the sensible
    /// one whatever the statistics say (<see cref="PostgresSql"/>; <c>PostgresClaimTests</c> checks them under this very
    /// setting). Left to choose, PostgreSQL plans each prepared statement afresh for its first five runs on every pooled
    /// connection and then keeps custom plans whenever the generic plan's estimate looks dearer, which with the churning
    /// small tables it sometimes does for a whole run: the end-to-end benchmark then ran in one of two modes, 79-110 µs
    /// or 140-155 µs per record, decided per process; with generic plans forced, always the first (session 16,
    /// docs/benchmarks.md).
    /// </summary>
    internal static string DeliverySessionOptions(PostgresDurability durability) =>
        (durability == PostgresDurability.Normal ? "-c synchronous_commit=off " : "") + "-c enable_seqscan=off -c plan_cache_mode=force_generic_plan";

    /// <summary>
    /// The delivery-state pool's connection string: <see cref="DeliverySessionOptions"/> appended to the startup
    /// <c>Options</c>, and <c>No Reset On Close</c> unless the connection string sets it. By default Npgsql resets a pooled
    /// session when it is returned (six statements — <c>SET SESSION AUTHORIZATION DEFAULT</c>, <c>RESET ALL</c>, …
    /// — sent ahead of its next use); the delivery-state pool opens a connection for every claim and ack round (about
    /// 0.3 per record in the end-to-end benchmark, so 1.8 statements per record parsed and run for nothing), and none of
    /// its statements changes session state: they set only <c>SET LOCAL</c> values, which end with their transaction, and
    /// the session settings come from the startup options, which a reset would keep anyway. The main pool (publishes, the
    /// listener's <c>LISTEN</c> connection) keeps the reset.
    /// </summary>
    internal static string DeliveryConnectionString(NpgsqlConnectionStringBuilder csb, PostgresDurability durability)
    {
        var b = new NpgsqlConnectionStringBuilder(WithSessionOptions(csb, DeliverySessionOptions(durability)));
        // The plain builder knows only the keys the string spells out (Npgsql's answers true for every keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = csb.ConnectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            b.NoResetOnClose = true;
        }

        return b.ConnectionString;
    }

    /// <summary>A connection of the delivery-state pool (tests read its session settings).</summary>
    internal ValueTask<NpgsqlConnection> OpenDeliveryConnectionAsync(CancellationToken ct = default) => _deliverySource.OpenConnectionAsync(ct);

    /// <summary>The connection string with <paramref name="options"/> appended to its startup <c>Options</c>.</summary>
    private static string WithSessionOptions(NpgsqlConnectionStringBuilder csb, string options)
    {
        var b = new NpgsqlConnectionStringBuilder(csb.ConnectionString);
        b.Options = (string.IsNullOrWhiteSpace(b.Options) ? "" : b.Options + " ") + options;
        return b.ConnectionString;
    }

    /// <summary>Synchronous <see cref="OpenAsync"/> (for DI factories).</summary>
    public static PostgresBusStore Open(PostgresBusStoreOptions options) => OpenAsync(options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public ValueTask<TopicConfig> EnsureTopicAsync(TopicConfig config, CancellationToken ct = default) =>
        InTransactionAsync(tx => EnsureTopicTx(tx, config), ct);

    /// <inheritdoc />
    public ValueTask<TopicConfig?> GetTopicAsync(string topic, CancellationToken ct = default) =>
        InTransactionAsync(tx => FindTopicTx(tx, topic), ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TopicConfig>> ListTopicsAsync(CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<TopicConfig>>(async tx =>
        {
            var list = new List<TopicConfig>();
            await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.ListTopics).ConfigureAwait(false);
            while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
            {
                list.Add(PostgresRows.ReadTopic(r));
            }

            return list;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return InTransactionAsync<IReadOnlyList<EventRecord>>(tx => AppendTx(tx, records), ct);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> ReadAsync(string topic, int partition, long fromOffset, int max, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<EventRecord>>(async tx =>
        {
            RequirePartition(await RequireTopicTx(tx, topic).ConfigureAwait(false), partition);
            return await ReadRecordsTx(tx, _sql.Read, PgParams.Text(topic), PgParams.Int(partition), PgParams.Long(fromOffset), PgParams.Int(max)).ConfigureAwait(false);
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> GetHeadsAsync(string topic, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<long>>(async tx =>
        {
            await RequireTopicTx(tx, topic).ConfigureAwait(false);
            var heads = new List<long>();
            await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.Heads, PgParams.Text(topic)).ConfigureAwait(false);
            while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
            {
                heads.Add(r.GetInt64(0));
            }

            return heads;
        }, ct);

    /// <inheritdoc />
    public ValueTask<EventRecord?> FindByIdAsync(string id, CancellationToken ct = default) =>
        InTransactionAsync(tx => FindByIdTx(tx, id), ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<EventRecord>>(async tx =>
        {
            await RequireTopicTx(tx, topic).ConfigureAwait(false);
            return await ReadRecordsTx(tx, _sql.LatestByKey, PgParams.Text(topic)).ConfigureAwait(false);
        }, ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _deliverySource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction and commits; notifications of the appended topics go out with the
    /// commit. A deadlock, serialization failure or a lost duplicate-id race retries the whole operation (it wrote
    /// nothing); every other error rolls back and propagates. <paramref name="deliveryState"/>: the operation only changes
    /// delivery state and runs on the <c>synchronous_commit=off</c> pool (see the class remarks).
    /// </summary>
    private async ValueTask<T> InTransactionAsync<T>(Func<PgTx, Task<T>> body, CancellationToken ct, bool deliveryState = false)
    {
        for (int attempt = 1; ; attempt++)
        {
            await using NpgsqlConnection conn = await (deliveryState ? _deliverySource : _dataSource).OpenConnectionAsync(ct).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
            var tx = new PgTx(conn, transaction, ct, relaxed: deliveryState && Options.DeliveryStateDurability == PostgresDurability.Normal);
            try
            {
                T result = await body(tx).ConfigureAwait(false);
                foreach ((string topic, int records) in tx.AppendedTopics)
                {
                    await tx.ExecAsync(_sql.Notify, PgParams.Text(_sql.Channel), PgParams.Text(NotifyPayload(topic, records))).ConfigureAwait(false);
                }

                // Not cancellable: a commit that went through must be reported, or a claim's leases (or a publish) would
                // be done without the caller knowing. Cancellation before this point rolls everything back.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);

                return result;
            }
            catch (PostgresException ex) when (attempt < MaxTries && IsRetryable(ex))
            {
                _topicCache.Clear();
            }
            catch
            {
                _topicCache.Clear(); // a topic cached inside the rolled-back transaction may not exist
                throw;
            }
        }
    }

    /// <summary>Deadlock, serialization failure, or two publishers racing to insert the same new id (the loser retries and finds it).</summary>
    private static bool IsRetryable(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
        || (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName is "events_id" or "topics_pkey" or "cursors_pkey");

    private static void RequirePartition(TopicConfig t, int partition)
    {
        if ((uint)partition >= (uint)t.Partitions)
        {
            throw StoreErrors.InvalidPartition(t.Name, partition, t.Partitions);
        }
    }

    /// <summary>The topic's config; found topics are cached (a topic is never deleted and its config never changes).</summary>
    private async Task<TopicConfig?> FindTopicTx(PgTx tx, string topic)
    {
        if (_topicCache.TryGetValue(topic, out TopicConfig? cached))
        {
            return cached;
        }

        await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.FindTopic, PgParams.Text(topic)).ConfigureAwait(false);
        if (!await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
        {
            return null;
        }

        TopicConfig found = PostgresRows.ReadTopic(r);
        _topicCache[topic] = found;
        return found;
    }

    private async Task<TopicConfig> RequireTopicTx(PgTx tx, string topic) =>
        await FindTopicTx(tx, topic).ConfigureAwait(false) ?? throw StoreErrors.UnknownTopic(topic);

    private async Task<TopicConfig> EnsureTopicTx(PgTx tx, TopicConfig config)
    {
        config.Validate();
        TopicConfig? existing = await FindTopicTx(tx, config.Name).ConfigureAwait(false);
        if (existing is null)
        {
            int inserted = await tx.ExecAsync(_sql.InsertTopic, PgParams.Text(config.Name), PgParams.Int(config.Partitions),
                config.Retention is { } ret ? PgParams.Long((long)ret.TotalMilliseconds) : new NpgsqlParameter<long?> { TypedValue = null },
                PgParams.Bool(config.Compacted)).ConfigureAwait(false);
            if (inserted == 1)
            {
                await tx.ExecAsync(_sql.InsertPartitions, PgParams.Text(config.Name), PgParams.Int(config.Partitions)).ConfigureAwait(false);
                return config;
            }

            // Another process created it since our read: its declaration wins.
            existing = await FindTopicTx(tx, config.Name).ConfigureAwait(false);
        }

        if (existing!.Partitions != config.Partitions)
        {
            throw StoreErrors.TopicConflict(config.Name, existing.Partitions, config.Partitions);
        }

        return existing;
    }

    /// <summary>
    /// Appends a batch: ids already stored are returned instead (same topic) or refused (another topic); the new records
    /// of each partition take one contiguous offset range, partitions locked in (topic, partition) order so concurrent
    /// batches cannot deadlock; then one multi-row INSERT per chunk.
    /// </summary>
    private async Task<IReadOnlyList<EventRecord>> AppendTx(PgTx tx, IReadOnlyList<PendingRecord> records)
    {
        await tx.RequireDurableCommitAsync().ConfigureAwait(false);
        var result = new EventRecord[records.Count];
        Dictionary<string, EventRecord> stored = await FindStoredIdsTx(tx, records).ConfigureAwait(false);
        var fresh = new List<int>(records.Count);
        var firstInBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new SortedDictionary<(string Topic, int Part), long>(Comparer<(string Topic, int Part)>.Create(
            (a, b) => a.Topic == b.Topic ? a.Part.CompareTo(b.Part) : string.CompareOrdinal(a.Topic, b.Topic)));
        var topics = new Dictionary<string, TopicConfig>(StringComparer.Ordinal);
        for (int i = 0; i < records.Count; i++)
        {
            PendingRecord p = records[i];
            if (!topics.TryGetValue(p.Topic, out TopicConfig? t))
            {
                t = topics[p.Topic] = await RequireTopicTx(tx, p.Topic).ConfigureAwait(false);
            }

            RequirePartition(t, p.Partition);
            if (stored.TryGetValue(p.Id, out EventRecord? existing))
            {
                result[i] = existing.Topic == p.Topic ? existing : throw StoreErrors.IdConflict(p.Id, existing.Topic, p.Topic);
                continue;
            }

            if (firstInBatch.TryGetValue(p.Id, out int first))
            {
                // The same id twice in one batch: the second is a re-publish of the first.
                if (records[first].Topic != p.Topic)
                {
                    throw StoreErrors.IdConflict(p.Id, records[first].Topic, p.Topic);
                }

                result[i] = null!; // filled from the first below
                continue;
            }

            firstInBatch[p.Id] = i;
            fresh.Add(i);
            counts[(p.Topic, p.Partition)] = counts.GetValueOrDefault((p.Topic, p.Partition)) + 1;
        }

        var next = new Dictionary<(string Topic, int Part), long>();
        foreach (KeyValuePair<(string Topic, int Part), long> c in counts)
        {
            long start = (long)(await tx.ScalarAsync(_sql.AllocateOffsets, PgParams.Text(c.Key.Topic), PgParams.Int(c.Key.Part), PgParams.Long(c.Value)).ConfigureAwait(false))!;
            next[c.Key] = start;
        }

        foreach (int i in fresh)
        {
            PendingRecord p = records[i];
            long offset = next[(p.Topic, p.Partition)]++;
            result[i] = p.ToRecord(offset);
            tx.Appended(p.Topic);
        }

        for (int from = 0; from < fresh.Count; from += InsertChunk)
        {
            await InsertEventsTx(tx, records, result, fresh, from, Math.Min(InsertChunk, fresh.Count - from)).ConfigureAwait(false);
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] ??= result[firstInBatch[records[i].Id]];
        }

        return result;
    }

    private async Task<Dictionary<string, EventRecord>> FindStoredIdsTx(PgTx tx, IReadOnlyList<PendingRecord> records)
    {
        var ids = new Guid[records.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = PostgresRows.ParseId(records[i].Id) ?? throw new BusException(BusErrorCode.InvalidId, $"Invalid event id '{records[i].Id}': expected a UUID.");
        }

        // The lookup runs with seq scans off (see PostgresSql.NoSeqScan), in the same round trip as its two SETs.
        var found = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
        await using NpgsqlBatch batch = tx.Batch();
        AddCommand(batch, PostgresSql.NoSeqScan, []);
        AddCommand(batch, _sql.FindIds, [PgParams.UuidArray(ids)]);
        AddCommand(batch, PostgresSql.DefaultSeqScan, []);
        await using NpgsqlDataReader r = await batch.ExecuteReaderAsync(tx.Cancellation).ConfigureAwait(false);
        while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
        {
            EventRecord record = PostgresRows.ReadRecord(r);
            found[record.Id] = record;
        }

        return found;
    }

    private async Task InsertEventsTx(PgTx tx, IReadOnlyList<PendingRecord> records, EventRecord[] result, List<int> fresh, int from, int count)
    {
        var sql = new System.Text.StringBuilder(_sql.InsertEventValues);
        var args = new NpgsqlParameter[count * 11];
        for (int k = 0; k < count; k++)
        {
            int i = fresh[from + k];
            PendingRecord p = records[i];
            int b = k * 11;
            sql.Append(k == 0 ? "(" : ",(");
            for (int c = 1; c <= 11; c++)
            {
                sql.Append('$').Append(b + c).Append(c == 11 ? ")" : ",");
            }

            args[b] = PgParams.Text(p.Topic);
            args[b + 1] = PgParams.Int(p.Partition);
            args[b + 2] = PgParams.Long(result[i].Offset);
            args[b + 3] = PgParams.Uuid(Guid.ParseExact(p.Id, "D"));
            args[b + 4] = PgParams.Long(p.Ts);
            args[b + 5] = PgParams.Text(p.Key);
            args[b + 6] = PgParams.Jsonb(HeaderJson.Write(p.Headers));
            args[b + 7] = PgParams.Bytes(p.Payload);
            args[b + 8] = PgParams.Text(p.Sid);
            args[b + 9] = PgParams.TextArray(p.CausedBy);
            args[b + 10] = PgParams.TextArray(p.Tags);
        }

        await tx.ExecAsync(sql.ToString(), args).ConfigureAwait(false);
    }

    private async Task<EventRecord?> FindByIdTx(PgTx tx, string id)
    {
        if (PostgresRows.ParseId(id) is not { } guid)
        {
            return null;
        }

        List<EventRecord> list = await ReadRecordsTx(tx, _sql.FindById, PgParams.Uuid(guid)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    private async Task<List<EventRecord>> ReadRecordsTx(PgTx tx, string sql, params NpgsqlParameter[] args)
    {
        var list = new List<EventRecord>();
        await using NpgsqlDataReader r = await tx.ReaderAsync(sql, args).ConfigureAwait(false);
        while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
        {
            list.Add(PostgresRows.ReadRecord(r));
        }

        return list;
    }

    private async Task<long> HeadTx(PgTx tx, string topic, int partition) =>
        (long)(await tx.ScalarAsync(_sql.Head, PgParams.Text(topic), PgParams.Int(partition)).ConfigureAwait(false))!;
}
