using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>Transaction plumbing and the statements each operation is built from (all run inside one transaction).</summary>
public sealed partial class SqliteBusStore
{
    /// <summary>
    /// Runs <paramref name="body"/> in a <c>BEGIN IMMEDIATE</c> transaction; an exception rolls everything back.
    /// Log writes are durable at <see cref="SqliteBusStoreOptions.Durability"/>: with Full this returns only after the
    /// WAL was fsynced (outside the gate, see <see cref="SqliteWalSync"/>). Delivery-state writes are fsynced only with
    /// <see cref="SqliteBusStoreOptions.DeliveryStateDurability"/> Full. Skipping some fsyncs is safe because the WAL is
    /// append-only and recovered as a prefix: an fsync also makes every earlier commit durable, so after a power loss
    /// the file is a consistent earlier state in which at most some trailing acks/claims are missing (records are
    /// redelivered).
    /// <para>With acks pending (<see cref="SqliteBusStoreOptions.AckCommitDelay"/>, <c>SqliteBusStore.PendingAcks.cs</c>) the
    /// body runs inside their open transaction instead, in a savepoint; an <paramref name="ackRound"/> then leaves it
    /// open, any other write commits it.</para>
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(Func<T> body, CancellationToken ct, bool logWrite = false, Func<bool>? abandoned = null, bool ackRound = false)
    {
        T result;
        bool defer = ackRound && Options.AckCommitDelay > TimeSpan.Zero;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pendingAcks)
            {
                result = RunInPendingAcksTx(body);
                if (!defer)
                {
                    CommitPendingAcks(); // this write, and the acks applied before it
                }
            }
            else
            {
                await BeginImmediateAsync(ct, abandoned).ConfigureAwait(false);
                try
                {
                    result = body();
                    if (defer)
                    {
                        OpenPendingAcks();
                    }
                    else
                    {
                        _db.Execute("COMMIT;");
                    }
                }
                catch (SqliteException ex) when (IsBusy(ex))
                {
                    ForgetAfterRollback();
                    RollbackQuietly();
                    throw Busy(ex);
                }
                catch
                {
                    ForgetAfterRollback(); // the rollback may undo a topic cached, or a due hint computed, inside this transaction
                    RollbackQuietly();
                    throw;
                }
            }

            if (logWrite)
            {
                _walSync?.LogCommitted();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_walSync is not null && (logWrite || _stateDurable))
        {
            await _walSync.SyncAsync().ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Takes SQLite's write lock (<c>BEGIN IMMEDIATE</c>) within <see cref="SqliteBusStoreOptions.BusyTimeout"/>. SQLite's
    /// own busy handler waits only <see cref="BusyProbe"/> per attempt, so between attempts the wait honours
    /// <paramref name="ct"/> and stops once every caller of a group-commit round gave up (<paramref name="abandoned"/>).
    /// A lock still held at the deadline is <see cref="BusErrorCode.StoreBusy"/>. (BEGIN/COMMIT are prepared statements
    /// of the session instead of SqliteTransaction, which re-parses its SQL on every transaction: this is the hot path
    /// of every publish, claim and ack; BEGIN IMMEDIATE is a raw statement prepared once, see <see cref="SqliteSession.BeginImmediate"/>.)
    /// </summary>
    private async ValueTask BeginImmediateAsync(CancellationToken ct, Func<bool>? abandoned)
    {
        long deadline = Environment.TickCount64 + (long)Options.BusyTimeout.TotalMilliseconds;
        while (true)
        {
            try
            {
                // Raw, not a SqliteCommand: Microsoft.Data.Sqlite retries a busy command itself for its whole
                // CommandTimeout (30 s by default) without looking at any token, which is what made a 2 s busy timeout
                // and a 2 s cancellation end after 32 s.
                int rc = _db.BeginImmediate();
                SqliteException.ThrowExceptionForRC(rc, _db.Connection.Handle);
                return;
            }
            catch (SqliteException ex) when (IsBusy(ex))
            {
                ct.ThrowIfCancellationRequested();
                if (abandoned?.Invoke() == true)
                {
                    throw new OperationCanceledException("Every caller of this group-commit round was cancelled while it waited for the SQLite write lock.");
                }

                if (Environment.TickCount64 >= deadline)
                {
                    throw Busy(ex);
                }

                await Task.Delay(5, ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    private BusException Busy(SqliteException ex) => new(BusErrorCode.StoreBusy,
        $"SQLite file '{Options.Path}' stayed locked by another connection or process for BusyTimeout ({Options.BusyTimeout.TotalSeconds:0.###} s); nothing was written. ({ex.Message})");

    /// <summary>
    /// Drops what this store learned inside a transaction that is being undone (whole or to a savepoint): topics cached
    /// in it, and due hints computed from rows it wrote (<see cref="_notDueBefore"/>).
    /// </summary>
    private void ForgetAfterRollback()
    {
        _topicCache.Clear();
        _notDueBefore.Clear();
    }

    /// <summary>Rolls back the open transaction; SQLite may already have rolled it back itself (for example on SQLITE_FULL).</summary>
    private void RollbackQuietly()
    {
        if (raw.sqlite3_get_autocommit(_db.Connection.Handle) == 0)
        {
            _db.Execute("ROLLBACK;");
        }
    }

    private async ValueTask WriteVoidAsync(Action body, CancellationToken ct, bool transaction = true)
    {
        if (transaction)
        {
            await WriteAsync(() =>
            {
                body();
                return 0;
            }, ct).ConfigureAwait(false);
            return;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitPendingAcks(); // a statement outside any transaction (a checkpoint) must not run inside the open one
            body();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="body"/> in a deferred (read) transaction, so multi-statement reads see one snapshot.</summary>
    private async ValueTask<T> ReadOnlyAsync<T>(Func<T> body, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pendingAcks)
            {
                return body(); // inside the open transaction: the read sees the applied acks, as every caller of this store must
            }

            _db.Execute("BEGIN;");
            T result;
            try
            {
                result = body();
                _db.Execute("COMMIT;");
            }
            catch
            {
                RollbackQuietly();
                throw;
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static TopicConfig ReadTopic(SqliteRows r) => new(
        r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : TimeSpan.FromMilliseconds(r.GetInt64(2)), r.GetInt64(3) != 0);

    private static EventRecord ReadRecord(SqliteRows r, string topic) => new(
        r.GetString(2), r.GetInt64(3), topic, r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(0), r.GetInt64(1),
        SqliteJson.ReadHeaders(r.IsDBNull(5) ? null : r.GetString(5)), r.GetBlob(6),
        r.IsDBNull(7) ? null : r.GetString(7), SqliteJson.ReadStrings(r.IsDBNull(8) ? null : r.GetString(8)),
        SqliteJson.ReadStrings(r.IsDBNull(9) ? null : r.GetString(9)));

    private static SettleOutcome NoDeliveryRowOutcome(long watermark, DeliveryRef delivery)
    {
        if (delivery.Offset <= watermark)
        {
            return SettleOutcome.AlreadySettled;
        }

        throw new BusException(BusErrorCode.UnknownDelivery,
            $"Group '{delivery.Group}' was never given {delivery.Topic}[{delivery.Partition}]@{delivery.Offset}; nothing to ack or nack.");
    }

    private static void RequirePartition(TopicConfig t, int partition)
    {
        if ((uint)partition >= (uint)t.Partitions)
        {
            throw new BusException(BusErrorCode.InvalidPartition, $"Partition {partition} does not exist in topic '{t.Name}' ({t.Partitions} partitions).");
        }
    }

    /// <summary>
    /// The topic's config. Found topics are cached: a topic is never deleted and its config never changes after
    /// creation. A rollback clears the cache, because a topic created inside the rolled-back transaction may be cached.
    /// </summary>
    private TopicConfig? FindTopicTx(string topic)
    {
        if (_topicCache.TryGetValue(topic, out TopicConfig? cached))
        {
            return cached;
        }

        using SqliteRows r = _db.Query("SELECT name, partitions, retention_ms, compacted FROM bus_topics WHERE name=@n", ("@n", topic));
        if (!r.Read())
        {
            return null;
        }

        TopicConfig found = ReadTopic(r);
        _topicCache[topic] = found;
        return found;
    }

    private TopicConfig RequireTopic(string topic) =>
        FindTopicTx(topic) ?? throw new BusException(BusErrorCode.UnknownTopic, $"Topic '{topic}' does not exist.");

    private TopicConfig EnsureTopicTx(TopicConfig config)
    {
        config.Validate();
        TopicConfig? existing = FindTopicTx(config.Name);
        if (existing is not null)
        {
            if (existing.Partitions != config.Partitions)
            {
                throw new BusException(BusErrorCode.TopicConflict,
                    $"Topic '{config.Name}' exists with {existing.Partitions} partitions; it cannot be re-declared with {config.Partitions}.");
            }

            return existing;
        }

        _db.Execute("INSERT INTO bus_topics(name, partitions, retention_ms, compacted) VALUES(@n, @p, @r, @c)",
            ("@n", config.Name), ("@p", config.Partitions), ("@r", config.Retention is { } ret ? (long)ret.TotalMilliseconds : null),
            ("@c", config.Compacted ? 1 : 0));
        for (int p = 0; p < config.Partitions; p++)
        {
            _db.Execute("INSERT INTO bus_partitions(topic, part, next_offs) VALUES(@t, @p, 1)", ("@t", config.Name), ("@p", p));
        }

        return config;
    }

    /// <summary>
    /// Settles every ack of a round: one conditional UPDATE per ack (the common case), then one watermark advance per
    /// touched (topic, group, partition). An ack whose UPDATE changed nothing is classified (already settled, or never
    /// delivered, which is an error); it wrote nothing, so its failure needs no savepoint.
    /// </summary>
    private void AckBatchTx(List<GroupCommit<SqliteStateWrite, object?>.Pending> round, List<int> acks, object?[] results)
    {
        Dictionary<(string Topic, string Group, int Partition), List<long>>? settled = null;
        foreach (int i in acks)
        {
            DeliveryRef d = round[i].Request.Ack;
            int changed = _db.Execute(
                "UPDATE bus_deliveries SET settled=1, owner=NULL WHERE topic=@t AND grp=@g AND part=@p AND offs=@o AND settled=0",
                ("@t", d.Topic), ("@g", d.Group), ("@p", d.Partition), ("@o", d.Offset));
            if (changed == 1)
            {
                results[i] = SettleOutcome.Settled;
                settled ??= [];
                if (!settled.TryGetValue((d.Topic, d.Group, d.Partition), out List<long>? offsets))
                {
                    settled[(d.Topic, d.Group, d.Partition)] = offsets = [];
                }

                offsets.Add(d.Offset);
                continue;
            }

            try
            {
                (long wm, long? rowSettled, _, _) = DeliveryRowTx(d);
                results[i] = rowSettled is null ? NoDeliveryRowOutcome(wm, d) : SettleOutcome.AlreadySettled;
            }
            catch (BusException ex)
            {
                results[i] = ex;
            }
        }

        if (settled is null)
        {
            return;
        }

        foreach (KeyValuePair<(string Topic, string Group, int Partition), List<long>> touched in settled)
        {
            (string topic, string group, int partition) = touched.Key;
            long wm = (long)_db.Scalar("SELECT watermark FROM bus_cursors WHERE topic=@t AND grp=@g AND part=@p",
                ("@t", topic), ("@g", group), ("@p", partition))!;

            // Invariant after every advance: offset wm+1 is an existing unsettled record (or wm is the head). So only an
            // ack of wm+1 can move the watermark; a batch without it leaves the watermark where it is.
            if (touched.Value.Contains(wm + 1))
            {
                AdvanceTx(topic, group, partition, wm);
            }
        }
    }

    private EventRecord AppendTx(PendingRecord pending) => AppendBatchTx([pending])[0];

    /// <summary>
    /// Appends a batch: topics are looked up once, each partition's next offset is read once and written once, and a
    /// duplicate id is detected by the unique index (<c>ON CONFLICT(id) DO NOTHING</c>) instead of a lookup per record.
    /// </summary>
    private EventRecord[] AppendBatchTx(IReadOnlyList<PendingRecord> records)
    {
        var topics = new Dictionary<string, TopicConfig>(StringComparer.Ordinal);
        var next = new Dictionary<(string Topic, int Part), long>();
        var result = new EventRecord[records.Count];
        for (int i = 0; i < records.Count; i++)
        {
            PendingRecord p = records[i];
            if (!topics.TryGetValue(p.Topic, out TopicConfig? t))
            {
                t = topics[p.Topic] = RequireTopic(p.Topic);
            }

            RequirePartition(t, p.Partition);
            if (!next.TryGetValue((p.Topic, p.Partition), out long offset))
            {
                offset = HeadTx(p.Topic, p.Partition) + 1;
            }

            int inserted = _db.Execute(
                "INSERT INTO bus_events(topic, part, offs, id, ts, key, headers, payload, sid, caused_by, tags) VALUES(@t, @p, @o, @i, @s, @k, @h, @b, @sid, @c, @g) ON CONFLICT(id) DO NOTHING",
                ("@t", p.Topic), ("@p", p.Partition), ("@o", offset), ("@i", p.Id), ("@s", p.Ts), ("@k", p.Key),
                ("@h", SqliteJson.Headers(p.Headers)), ("@b", p.Payload.ToArray()), ("@sid", p.Sid),
                ("@c", SqliteJson.Strings(p.CausedBy)), ("@g", SqliteJson.Strings(p.Tags)));
            if (inserted == 0)
            {
                // Idempotent publish: the id is already stored (outbox re-drain, client retry); its offset is not consumed.
                // The same id on another topic is not a re-publish but a collision: storing nothing silently would lose it.
                EventRecord stored = FindByIdTx(p.Id)!;
                if (stored.Topic != p.Topic)
                {
                    throw StoreErrors.IdConflict(p.Id, stored.Topic, p.Topic);
                }

                result[i] = stored;
                next[(p.Topic, p.Partition)] = offset;
                continue;
            }

            result[i] = p.ToRecord(offset);
            next[(p.Topic, p.Partition)] = offset + 1;
        }

        foreach (KeyValuePair<(string Topic, int Part), long> n in next)
        {
            _db.Execute("UPDATE bus_partitions SET next_offs=@n WHERE topic=@t AND part=@p", ("@n", n.Value), ("@t", n.Key.Topic), ("@p", n.Key.Part));
        }

        return result;
    }

    private EventRecord? FindByIdTx(string id)
    {
        using SqliteRows r = _db.Query($"SELECT {RecordColumns}, e.topic FROM bus_events e WHERE e.id=@i", ("@i", id));
        return r.Read() ? ReadRecord(r, r.GetString(10)) : null;
    }

    private EventRecord? FindRecordTx(string topic, int partition, long offset)
    {
        IReadOnlyList<EventRecord> list = ReadRecords(
            $"SELECT {RecordColumns} FROM bus_events e WHERE e.topic=@t AND e.part=@p AND e.offs=@o", topic,
            ("@t", topic), ("@p", partition), ("@o", offset));
        return list.Count == 0 ? null : list[0];
    }

    private List<EventRecord> ReadRecords(string sql, string topic, params (string, object?)[] args)
    {
        var list = new List<EventRecord>();
        using SqliteRows r = _db.Query(sql, args);
        while (r.Read())
        {
            list.Add(ReadRecord(r, topic));
        }

        return list;
    }

    private long HeadTx(string topic, int partition) =>
        (long)_db.Scalar("SELECT next_offs FROM bus_partitions WHERE topic=@t AND part=@p", ("@t", topic), ("@p", partition))! - 1;

    /// <summary>
    /// Watermark, highest leased offset and head (last offset) per partition, in one query; throws for a group that
    /// never joined.
    /// </summary>
    private (long[] Watermarks, long[] Claimed, long[] Heads) CursorsTx(string topic, string group, int partitions)
    {
        var wm = new long[partitions];
        var claimed = new long[partitions];
        var heads = new long[partitions];
        int found = 0;
        using (SqliteRows r = _db.Query(
            "SELECT c.part, c.watermark, c.claimed, p.next_offs FROM bus_cursors c JOIN bus_partitions p ON p.topic=c.topic AND p.part=c.part WHERE c.topic=@t AND c.grp=@g",
            ("@t", topic), ("@g", group)))
        {
            while (r.Read())
            {
                int part = r.GetInt32(0);
                if ((uint)part < (uint)partitions)
                {
                    wm[part] = r.GetInt64(1);
                    claimed[part] = r.GetInt64(2);
                    heads[part] = r.GetInt64(3) - 1;
                }

                found++;
            }
        }

        if (found == 0)
        {
            throw new BusException(BusErrorCode.UnknownGroup, $"Consumer group '{group}' has not joined topic '{topic}'.");
        }

        return (wm, claimed, heads);
    }

    private long[] WatermarksTx(string topic, string group, int partitions)
    {
        var wm = new long[partitions];
        int found = 0;
        using (SqliteRows r = _db.Query("SELECT part, watermark FROM bus_cursors WHERE topic=@t AND grp=@g", ("@t", topic), ("@g", group)))
        {
            while (r.Read())
            {
                wm[r.GetInt32(0)] = r.GetInt64(1);
                found++;
            }
        }

        if (found == 0)
        {
            throw new BusException(BusErrorCode.UnknownGroup, $"Consumer group '{group}' has not joined topic '{topic}'.");
        }

        return wm;
    }

    /// <summary>The group's watermark on the partition and the delivery row of the record (settled is null without a row).</summary>
    private (long Watermark, long? Settled, long Attempts, string? Owner) DeliveryRowTx(DeliveryRef d)
    {
        TopicConfig t = RequireTopic(d.Topic);
        RequirePartition(t, d.Partition);
        using SqliteRows r = _db.Query(
            "SELECT c.watermark, d.settled, d.attempts, d.owner FROM bus_cursors c LEFT JOIN bus_deliveries d " +
            "ON d.topic=c.topic AND d.grp=c.grp AND d.part=c.part AND d.offs=@o WHERE c.topic=@t AND c.grp=@g AND c.part=@p",
            ("@t", d.Topic), ("@g", d.Group), ("@p", d.Partition), ("@o", d.Offset));
        if (!r.Read())
        {
            throw new BusException(BusErrorCode.UnknownGroup, $"Consumer group '{d.Group}' has not joined topic '{d.Topic}'.");
        }

        long wm = r.GetInt64(0);
        return r.IsDBNull(1)
            ? (wm, null, 0, null)
            : (wm, r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3));
    }

    /// <summary>
    /// Moves the watermark to just below the first record above it that is not settled (deleted offsets count as
    /// settled), or to the head when there is none; drops the delivery rows it passed. Returns the new watermark.
    /// </summary>
    private long AdvanceTx(string topic, string group, int partition, long watermark)
    {
        object? next = _db.Scalar(
            """
            SELECT e.offs FROM bus_events e LEFT JOIN bus_deliveries d ON d.topic=e.topic AND d.grp=@g AND d.part=e.part AND d.offs=e.offs
            WHERE e.topic=@t AND e.part=@p AND e.offs>@w AND (d.offs IS NULL OR d.settled=0) ORDER BY e.offs LIMIT 1
            """, ("@t", topic), ("@g", group), ("@p", partition), ("@w", watermark));
        long advanced = next is null ? HeadTx(topic, partition) : (long)next - 1;
        if (advanced <= watermark)
        {
            return watermark;
        }

        _db.Execute("UPDATE bus_cursors SET watermark=@w WHERE topic=@t AND grp=@g AND part=@p", ("@w", advanced), ("@t", topic), ("@g", group), ("@p", partition));
        _db.Execute("DELETE FROM bus_deliveries WHERE topic=@t AND grp=@g AND part=@p AND offs<=@w", ("@t", topic), ("@g", group), ("@p", partition), ("@w", advanced));
        return advanced;
    }

    private void AdvanceAllGroupsTx(TopicConfig t)
    {
        var cursors = new List<(string Group, int Part, long Watermark)>();
        using (SqliteRows r = _db.Query("SELECT grp, part, watermark FROM bus_cursors WHERE topic=@t", ("@t", t.Name)))
        {
            while (r.Read())
            {
                cursors.Add((r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
            }
        }

        foreach ((string group, int part, long wm) in cursors)
        {
            AdvanceTx(t.Name, group, part, wm);
        }
    }

    private void DeadLetterTx(string topic, EventRecord? original, string group, int partition, long offset, string error, int attempts, long now)
    {
        if (original is not null)
        {
            PendingRecord dlq = DeadLetter.Build(original, group, error, attempts, now);
            EnsureTopicTx(new TopicConfig(dlq.Topic));
            AppendTx(dlq);
        }

        _db.Execute("UPDATE bus_deliveries SET settled=1, owner=NULL, last_error=@e WHERE topic=@t AND grp=@g AND part=@p AND offs=@o",
            ("@e", error), ("@t", topic), ("@g", group), ("@p", partition), ("@o", offset));
    }

    private long[] ResolveStartTx(TopicConfig t, StartPosition from)
    {
        EventRecord? after = null;
        if (from.Kind == StartPositionKind.AfterId)
        {
            after = FindByIdTx(from.Id!);
            if (after is null || after.Topic != t.Name)
            {
                throw new BusException(BusErrorCode.InvalidStartPosition, $"afterId '{from.Id}' is not a record of topic '{t.Name}'.");
            }
        }

        var wm = new long[t.Partitions];
        for (int p = 0; p < wm.Length; p++)
        {
            long head = HeadTx(t.Name, p);
            wm[p] = from.Kind switch
            {
                StartPositionKind.Earliest => 0,
                StartPositionKind.Latest => head,
                StartPositionKind.Offset => Math.Min(from.Value - 1, head),
                StartPositionKind.Timestamp => FirstAtOrAfterTx(t.Name, p, from.Value, head) - 1,
                StartPositionKind.AfterId when after!.Partition == p => after.Offset,
                StartPositionKind.AfterId => FirstAtOrAfterTx(t.Name, p, after!.Ts, head) - 1,
                _ => throw new BusException(BusErrorCode.InvalidStartPosition, $"Unknown start position kind {from.Kind}."),
            };
        }

        return wm;
    }

    private long FirstAtOrAfterTx(string topic, int partition, long ts, long head) =>
        _db.Scalar("SELECT MIN(offs) FROM bus_events WHERE topic=@t AND part=@p AND ts>=@s", ("@t", topic), ("@p", partition), ("@s", ts)) is long o
            ? o
            : head + 1;
}
