using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>
/// The embedded durable store: one SQLite file in WAL mode. Every operation is one <c>BEGIN IMMEDIATE</c>
/// transaction, so several processes may share the file (SQLite serializes writers; <c>busy_timeout</c> waits).
/// With <see cref="SqliteDurability.Full"/> a publish returns only after its commit was fsynced, and a claim hands out
/// only records whose commit was fsynced.
/// <para>Concurrency inside the process: one connection and one gate (<see cref="_gate"/>); SQLite has a single writer
/// anyway, and one connection lets every statement stay prepared.</para>
/// </summary>
public sealed partial class SqliteBusStore : IBusStore
{
    /// <summary>Longest wait inside SQLite's own busy handler per lock attempt (see <c>BeginImmediateAsync</c>).</summary>
    private static readonly TimeSpan BusyProbe = TimeSpan.FromMilliseconds(50);

    private const string RecordColumns = "e.part, e.offs, e.id, e.ts, e.key, e.headers, e.payload, e.sid, e.caused_by, e.tags";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteSession _db;
    private readonly GroupCommit<IReadOnlyList<PendingRecord>, IReadOnlyList<EventRecord>> _appends;
    private readonly GroupCommit<SqliteStateWrite, object?> _stateWrites;
    private int _claimRotation;

    /// <summary>Topics found in the file (used only under the gate; see FindTopicTx).</summary>
    private readonly Dictionary<string, TopicConfig> _topicCache = new(StringComparer.Ordinal);

    /// <summary>
    /// With <see cref="SqliteDurability.Full"/>: the fsync of the WAL after log commits, done outside the write lock
    /// (the connection itself runs <c>synchronous=NORMAL</c>); null with <see cref="SqliteDurability.Normal"/>.
    /// </summary>
    private readonly SqliteWalSync? _walSync;

    /// <summary>Whether delivery-state commits are fsynced too (<see cref="SqliteBusStoreOptions.DeliveryStateDurability"/>).</summary>
    private readonly bool _stateDurable;
    private bool _disposed;

    static SqliteBusStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>Opens (or creates) the database file and its schema.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or is not a bus database.</exception>
    public SqliteBusStore(SqliteBusStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateAckCommitDelay(options);
        Options = options;
        _appends = CreateAppendCommitter();
        _stateWrites = CreateStateCommitter();
        var csb = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // Microsoft.Data.Sqlite retries busy statements for this long; bound it by the busy timeout too.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(csb.ToString());
        connection.Open();
        _db = new SqliteSession(connection);
        // SQLite's busy handler waits at most BusyProbe per attempt; BeginImmediateAsync retries up to BusyTimeout, so the
        // wait honours cancellation and ends with a StoreBusy error instead of a raw SqliteException.
        _db.Execute($"PRAGMA busy_timeout={(int)Math.Min(options.BusyTimeout.TotalMilliseconds, BusyProbe.TotalMilliseconds)};");
        string mode = (string)_db.Scalar("PRAGMA journal_mode=WAL;")!;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite file '{options.Path}' could not switch to WAL mode (got '{mode}').");
        }

        // NORMAL: COMMIT writes the WAL frames without fsync. With Durability.Full the store fsyncs the WAL itself after
        // the commit and before the caller returns, outside the write lock (SqliteWalSync): as durable as FULL for
        // every caller, while other writers go on during the fsync.
        _db.Execute("PRAGMA synchronous=NORMAL;");
        using (SqliteTransaction tx = connection.BeginTransaction())
        {
            _db.ExecuteScript(SqliteSchema.Create, tx);
            tx.Commit();
        }

        if (options.Durability == SqliteDurability.Full)
        {
            string file = SQLitePCL.raw.sqlite3_db_filename(connection.Handle, "main").utf8_to_string();
            _walSync = new SqliteWalSync(file + "-wal");
            _walSync.SyncAsync().AsTask().GetAwaiter().GetResult(); // the schema commit
            _stateDurable = options.DeliveryStateDurability == SqliteDurability.Full;
        }
    }

    private static void ValidateAckCommitDelay(SqliteBusStoreOptions options)
    {
        if (options.AckCommitDelay < TimeSpan.Zero || options.AckCommitDelay > MaxAckCommitDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"SqliteBusStoreOptions.AckCommitDelay must be between 0 and {MaxAckCommitDelay.TotalSeconds:0} s (got {options.AckCommitDelay}).");
        }

        if (options.AckCommitDelay > TimeSpan.Zero && options.Durability == SqliteDurability.Full && options.DeliveryStateDurability == SqliteDurability.Full)
        {
            throw new ArgumentException(
                "SqliteBusStoreOptions.AckCommitDelay needs DeliveryStateDurability Normal: Full fsyncs every delivery-state round before it returns, a delay returns acks before they are even committed.",
                nameof(options));
        }
    }

    /// <summary>Opens (or creates) the database at <paramref name="path"/> with default options.</summary>
    public SqliteBusStore(string path)
        : this(new SqliteBusStoreOptions { Path = path })
    {
    }

    /// <summary>Options in effect.</summary>
    public SqliteBusStoreOptions Options { get; }

    /// <inheritdoc />
    public ValueTask<TopicConfig> EnsureTopicAsync(TopicConfig config, CancellationToken ct = default) =>
        WriteAsync(() => EnsureTopicTx(config), ct, logWrite: true);

    /// <inheritdoc />
    public ValueTask<TopicConfig?> GetTopicAsync(string topic, CancellationToken ct = default) =>
        ReadOnlyAsync(() => FindTopicTx(topic), ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TopicConfig>> ListTopicsAsync(CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<TopicConfig>>(() =>
        {
            var list = new List<TopicConfig>();
            using SqliteRows r = _db.Query("SELECT name, partitions, retention_ms, compacted FROM bus_topics ORDER BY name");
            while (r.Read())
            {
                list.Add(ReadTopic(r));
            }

            return list;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct = default) =>
        _appends.RunAsync(records, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> ReadAsync(string topic, int partition, long fromOffset, int max, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<EventRecord>>(() =>
        {
            RequirePartition(RequireTopic(topic), partition);
            return ReadRecords(
                $"SELECT {RecordColumns} FROM bus_events e WHERE e.topic=@t AND e.part=@p AND e.offs>=@o ORDER BY e.offs LIMIT @n",
                topic, ("@t", topic), ("@p", partition), ("@o", fromOffset), ("@n", max));
        }, ct);

    /// <inheritdoc />
    public ValueTask<EventRecord?> FindByIdAsync(string id, CancellationToken ct = default) =>
        ReadOnlyAsync(() => FindByIdTx(id), ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<EventRecord>>(() =>
        {
            RequireTopic(topic);
            // The newest record per key: no other record of the key is later by (ts, id).
            return ReadRecords(
                $"""
                SELECT {RecordColumns} FROM bus_events e WHERE e.topic=@t AND e.key IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM bus_events l WHERE l.topic=e.topic AND l.key=e.key AND (l.ts>e.ts OR (l.ts=e.ts AND l.id>e.id)))
                ORDER BY e.key
                """, topic, ("@t", topic));
        }, ct);

    /// <inheritdoc />
    public ValueTask<bool> JoinGroupAsync(string topic, string group, StartPosition from, CancellationToken ct = default) =>
        WriteAsync(() =>
        {
            TopicConfig t = RequireTopic(topic);
            if (_db.Scalar("SELECT 1 FROM bus_cursors WHERE topic=@t AND grp=@g LIMIT 1", ("@t", topic), ("@g", group)) is not null)
            {
                return false;
            }

            long[] start = ResolveStartTx(t, from);
            for (int p = 0; p < start.Length; p++)
            {
                _db.Execute("INSERT INTO bus_cursors(topic, grp, part, watermark, claimed) VALUES(@t, @g, @p, @w, @w)",
                    ("@t", topic), ("@g", group), ("@p", p), ("@w", start[p]));

                // Skip offsets that retention or compaction already deleted, so wm+1 is an existing record (the
                // invariant AckBatchTx relies on) or wm is the head.
                AdvanceTx(topic, group, p, start[p]);
            }

            return true;
        }, ct, logWrite: true);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListGroupsAsync(string topic, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<string>>(() =>
        {
            var groups = new List<string>();
            using SqliteRows r = _db.Query("SELECT DISTINCT grp FROM bus_cursors WHERE topic=@t ORDER BY grp", ("@t", topic));
            while (r.Read())
            {
                groups.Add(r.GetString(0));
            }

            return groups;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> GetHeadsAsync(string topic, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<long>>(() =>
        {
            TopicConfig t = RequireTopic(topic);
            var heads = new long[t.Partitions];
            for (int p = 0; p < heads.Length; p++)
            {
                heads[p] = HeadTx(topic, p);
            }

            return heads;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<GroupPartitionState>>(() =>
        {
            TopicConfig t = RequireTopic(topic);
            long[] wm = WatermarksTx(topic, group, t.Partitions);
            var states = new GroupPartitionState[t.Partitions];
            for (int p = 0; p < states.Length; p++)
            {
                states[p] = new GroupPartitionState(p, wm[p], HeadTx(topic, p));
            }

            return states;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ClaimedRecord>> ClaimAsync(ClaimRequest request, CancellationToken ct = default) =>
        StateWriteAsync<IReadOnlyList<ClaimedRecord>>(() =>
        {
            TopicConfig t = RequireTopic(request.Topic);
            ForgetDueHintsIfOthersWroteTx();
            (long[] wm, long[] claimedMax, long[] heads) = CursorsTx(request.Topic, request.Group, t.Partitions);
            IReadOnlyList<int> parts = request.Partitions ?? Enumerable.Range(0, t.Partitions).ToArray();
            var claimed = new List<ClaimedRecord>();
            int start = parts.Count == 0 ? 0 : (int)((uint)_claimRotation++ % (uint)parts.Count);
            for (int k = 0; k < parts.Count && claimed.Count < request.Max; k++)
            {
                int p = parts[(start + k) % parts.Count];
                if ((uint)p < (uint)t.Partitions)
                {
                    ClaimPartitionTx(request, p, wm[p], claimedMax[p], heads[p], claimed);
                }
            }

            return claimed;
        }, ct);

    /// <inheritdoc />
    public async ValueTask<SettleOutcome> AckAsync(DeliveryRef delivery, CancellationToken ct = default) =>
        (SettleOutcome)(await _stateWrites.RunAsync(SqliteStateWrite.ForAck(delivery), ct).ConfigureAwait(false))!;

    /// <inheritdoc />
    public ValueTask<SettleOutcome> NackAsync(DeliveryRef delivery, string reason, long visibleAt, int maxAttempts, long now, CancellationToken ct = default) =>
        StateWriteAsync(() =>
        {
            (long wm, long? settled, long attempts, _) = DeliveryRowTx(delivery);
            if (settled is null)
            {
                return NoDeliveryRowOutcome(wm, delivery);
            }

            if (settled == 1)
            {
                return SettleOutcome.AlreadySettled;
            }

            if (attempts != delivery.Attempt)
            {
                return SettleOutcome.Stale;
            }

            if (attempts >= maxAttempts)
            {
                EventRecord? original = FindRecordTx(delivery.Topic, delivery.Partition, delivery.Offset);
                DeadLetterTx(delivery.Topic, original, delivery.Group, delivery.Partition, delivery.Offset, reason, (int)attempts, now);
                AdvanceTx(delivery.Topic, delivery.Group, delivery.Partition, wm);
                return SettleOutcome.DeadLettered;
            }

            _db.Execute("UPDATE bus_deliveries SET owner=NULL, lease_until=0, visible_at=@v, last_error=@e WHERE topic=@t AND grp=@g AND part=@p AND offs=@o",
                ("@v", visibleAt), ("@e", reason), ("@t", delivery.Topic), ("@g", delivery.Group), ("@p", delivery.Partition), ("@o", delivery.Offset));
            LowerDueHint(delivery.Topic, delivery.Group, delivery.Partition, visibleAt);
            return SettleOutcome.Released;
        }, ct);

    /// <inheritdoc />
    public ValueTask<bool> ExtendLeaseAsync(DeliveryRef delivery, string member, long leaseUntil, CancellationToken ct = default) =>
        StateWriteAsync(() => _db.Execute(
            "UPDATE bus_deliveries SET lease_until=MAX(lease_until, @u) WHERE topic=@t AND grp=@g AND part=@p AND offs=@o AND settled=0 AND attempts=@a AND owner=@m",
            ("@u", leaseUntil), ("@t", delivery.Topic), ("@g", delivery.Group), ("@p", delivery.Partition), ("@o", delivery.Offset),
            ("@a", delivery.Attempt), ("@m", member)) == 1, ct);

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(DeliveryRef delivery, string member, CancellationToken ct = default) =>
        StateWriteAsync(() =>
        {
            bool released = _db.Execute(
                "UPDATE bus_deliveries SET attempts=MAX(0, attempts-1), owner=NULL, lease_until=0, visible_at=0 WHERE topic=@t AND grp=@g AND part=@p AND offs=@o AND settled=0 AND attempts=@a AND owner=@m",
                ("@t", delivery.Topic), ("@g", delivery.Group), ("@p", delivery.Partition), ("@o", delivery.Offset),
                ("@a", delivery.Attempt), ("@m", member)) == 1;
            if (released)
            {
                LowerDueHint(delivery.Topic, delivery.Group, delivery.Partition, 0);
            }

            return released;
        }, ct);

    /// <inheritdoc />
    public ValueTask HeartbeatAsync(string topic, string group, string member, bool ordered, long expiresAt, CancellationToken ct = default) =>
        StateWriteVoidAsync(() => _db.Execute(
            "INSERT INTO bus_members(topic, grp, member, ordered, expires_at) VALUES(@t, @g, @m, @o, @x) ON CONFLICT(topic, grp, member) DO UPDATE SET ordered=@o, expires_at=@x",
            ("@t", topic), ("@g", group), ("@m", member), ("@o", ordered ? 1 : 0), ("@x", expiresAt)), ct);

    /// <inheritdoc />
    public ValueTask LeaveAsync(string topic, string group, string member, CancellationToken ct = default) =>
        WriteVoidAsync(() => _db.Execute("DELETE FROM bus_members WHERE topic=@t AND grp=@g AND member=@m", ("@t", topic), ("@g", group), ("@m", member)), ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> LiveMembersAsync(string topic, string group, bool orderedOnly, long now, CancellationToken ct = default) =>
        ReadOnlyAsync<IReadOnlyList<string>>(() =>
        {
            var list = new List<string>();
            using SqliteRows r = _db.Query(
                "SELECT member FROM bus_members WHERE topic=@t AND grp=@g AND expires_at>@n AND (@o=0 OR ordered=1)",
                ("@t", topic), ("@g", group), ("@n", now), ("@o", orderedOnly ? 1 : 0));
            while (r.Read())
            {
                list.Add(r.GetString(0));
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        }, ct);

    /// <inheritdoc />
    public ValueTask<bool> IsProcessedAsync(string key, long now, CancellationToken ct = default) =>
        ReadOnlyAsync(() => _db.Scalar("SELECT 1 FROM bus_processed WHERE key=@k AND expires_at>@n", ("@k", key), ("@n", now)) is not null, ct);

    /// <inheritdoc />
    public ValueTask MarkProcessedAsync(string key, long expiresAt, CancellationToken ct = default) =>
        StateWriteVoidAsync(() => _db.Execute(
            "INSERT INTO bus_processed(key, expires_at) VALUES(@k, @x) ON CONFLICT(key) DO UPDATE SET expires_at=@x", ("@k", key), ("@x", expiresAt)), ct);

    /// <inheritdoc />
    public ValueTask<int> PurgeProcessedAsync(long now, CancellationToken ct = default) =>
        WriteAsync(() => _db.Execute("DELETE FROM bus_processed WHERE expires_at<=@n", ("@n", now)), ct);

    /// <inheritdoc />
    public ValueTask<int> CompactAsync(string topic, CancellationToken ct = default) =>
        WriteAsync(() =>
        {
            TopicConfig t = RequireTopic(topic);
            int removed = _db.Execute(
                """
                DELETE FROM bus_events WHERE topic=@t AND key IS NOT NULL AND offs < (
                    SELECT MAX(l.offs) FROM bus_events l WHERE l.topic=bus_events.topic AND l.part=bus_events.part AND l.key=bus_events.key)
                """, ("@t", topic));
            AdvanceAllGroupsTx(t);
            return removed;
        }, ct, logWrite: true);

    /// <inheritdoc />
    public ValueTask<int> DeleteOlderThanAsync(string topic, long olderThan, CancellationToken ct = default) =>
        WriteAsync(() =>
        {
            TopicConfig t = RequireTopic(topic);
            int removed = _db.Execute("DELETE FROM bus_events WHERE topic=@t AND ts<@c", ("@t", topic), ("@c", olderThan));
            AdvanceAllGroupsTx(t);
            return removed;
        }, ct, logWrite: true);

    /// <summary>Runs <c>PRAGMA wal_checkpoint(TRUNCATE)</c> (optional housekeeping; WAL checkpoints also happen automatically).</summary>
    public ValueTask CheckpointAsync(CancellationToken ct = default) =>
        WriteVoidAsync(() => _db.Execute("PRAGMA wal_checkpoint(TRUNCATE);"), ct, transaction: false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                CommitPendingAcksQuietly();
                _disposed = true;
                _walSync?.Dispose();
                _db.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
