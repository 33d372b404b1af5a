using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;

namespace Prom.Bus.InMemory;

/// <summary>
/// The reference store: everything in process memory, nothing durable beyond the process. Used by tests and by
/// applications that do not need persistence.
/// <para>Concurrency: one lock guards all state. Every operation is short and CPU-only, so a single lock keeps the
/// semantics identical to one SQL transaction per operation (the contract the conformance suite checks) at a cost
/// that the benchmarks show is far below the hand-off itself.</para>
/// </summary>
public sealed class InMemoryBusStore : IBusStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MemoryTopic> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRecord> _byId = new(StringComparer.Ordinal);

    /// <summary>Cursors by "topic\0group".</summary>
    private readonly Dictionary<string, MemoryGroupPartition[]> _groups = new(StringComparer.Ordinal);

    /// <summary>Members by "topic\0group": member → (ordered, expiresAt).</summary>
    private readonly Dictionary<string, Dictionary<string, (bool Ordered, long ExpiresAt)>> _members = new(StringComparer.Ordinal);

    private readonly Dictionary<string, long> _processed = new(StringComparer.Ordinal);

    /// <summary>Rotates the first partition a claim looks at, so no partition starves.</summary>
    private int _claimRotation;

    /// <inheritdoc />
    public ValueTask<TopicConfig> EnsureTopicAsync(TopicConfig config, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(EnsureTopicLocked(config).Config);
        }
    }

    /// <inheritdoc />
    public ValueTask<TopicConfig?> GetTopicAsync(string topic, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_topics.TryGetValue(topic, out MemoryTopic? t) ? t.Config : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TopicConfig>> ListTopicsAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<TopicConfig>>(_topics.Values.Select(t => t.Config).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct = default)
    {
        lock (_lock)
        {
            // Validate everything first so the append is all-or-nothing.
            foreach (PendingRecord r in records)
            {
                MemoryTopic t = GetTopicLocked(r.Topic);
                if ((uint)r.Partition >= (uint)t.Partitions.Length)
                {
                    throw new BusException(BusErrorCode.InvalidPartition, $"Partition {r.Partition} does not exist in topic '{r.Topic}' ({t.Partitions.Length} partitions).");
                }

                if (_byId.TryGetValue(r.Id, out EventRecord? stored) && stored.Topic != r.Topic)
                {
                    throw StoreErrors.IdConflict(r.Id, stored.Topic, r.Topic);
                }
            }

            var result = new EventRecord[records.Count];
            for (int i = 0; i < records.Count; i++)
            {
                result[i] = AppendLocked(records[i]);
            }

            return ValueTask.FromResult<IReadOnlyList<EventRecord>>(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> ReadAsync(string topic, int partition, long fromOffset, int max, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryPartition p = GetPartitionLocked(topic, partition);
            var list = new List<EventRecord>();
            for (int i = p.IndexAfter(fromOffset - 1); i < p.Records.Count && list.Count < max; i++)
            {
                list.Add(p.Records[i]);
            }

            return ValueTask.FromResult<IReadOnlyList<EventRecord>>(list);
        }
    }

    /// <inheritdoc />
    public ValueTask<EventRecord?> FindByIdAsync(string id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out EventRecord? r) ? r : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            var latest = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
            foreach (MemoryPartition p in t.Partitions)
            {
                foreach (EventRecord r in p.Records)
                {
                    if (r.Key is not null && (!latest.TryGetValue(r.Key, out EventRecord? seen) || IsLater(r, seen)))
                    {
                        latest[r.Key] = r;
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<EventRecord>>(latest.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> JoinGroupAsync(string topic, string group, StartPosition from, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            string gk = GroupKey(topic, group);
            if (_groups.ContainsKey(gk))
            {
                return ValueTask.FromResult(false);
            }

            long[] start = ResolveStartLocked(t, from);
            var cursors = new MemoryGroupPartition[t.Partitions.Length];
            for (int p = 0; p < cursors.Length; p++)
            {
                cursors[p] = new MemoryGroupPartition { Watermark = start[p] };
            }

            _groups[gk] = cursors;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListGroupsAsync(string topic, CancellationToken ct = default)
    {
        string prefix = GroupKey(topic, string.Empty);
        lock (_lock)
        {
            string[] groups = _groups.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal).ToArray();
            return ValueTask.FromResult<IReadOnlyList<string>>(groups);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> GetHeadsAsync(string topic, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            return ValueTask.FromResult<IReadOnlyList<long>>(t.Partitions.Select(p => p.Head).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            MemoryGroupPartition[] cursors = GetGroupLocked(topic, group);
            var states = new GroupPartitionState[cursors.Length];
            for (int p = 0; p < cursors.Length; p++)
            {
                states[p] = new GroupPartitionState(p, cursors[p].Watermark, t.Partitions[p].Head);
            }

            return ValueTask.FromResult<IReadOnlyList<GroupPartitionState>>(states);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ClaimedRecord>> ClaimAsync(ClaimRequest request, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(request.Topic);
            MemoryGroupPartition[] cursors = GetGroupLocked(request.Topic, request.Group);
            var claimed = new List<ClaimedRecord>();
            IReadOnlyList<int> parts = request.Partitions ?? Enumerable.Range(0, t.Partitions.Length).ToArray();
            int start = parts.Count == 0 ? 0 : (int)((uint)_claimRotation++ % (uint)parts.Count);
            for (int k = 0; k < parts.Count && claimed.Count < request.Max; k++)
            {
                int p = parts[(start + k) % parts.Count];
                if ((uint)p >= (uint)t.Partitions.Length)
                {
                    continue;
                }

                ClaimPartitionLocked(request, t, p, cursors[p], claimed);
            }

            return ValueTask.FromResult<IReadOnlyList<ClaimedRecord>>(claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask<SettleOutcome> AckAsync(DeliveryRef delivery, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(delivery.Topic);
            MemoryGroupPartition gp = GetGroupPartitionLocked(t, delivery);
            if (!gp.Deliveries.TryGetValue(delivery.Offset, out MemoryDelivery? d))
            {
                return ValueTask.FromResult(NoDeliveryRowOutcome(gp, delivery));
            }

            if (d.Settled)
            {
                return ValueTask.FromResult(SettleOutcome.AlreadySettled);
            }

            d.Settled = true;
            d.Owner = null;
            AdvanceLocked(t.Partitions[delivery.Partition], gp);
            return ValueTask.FromResult(SettleOutcome.Settled);
        }
    }

    /// <inheritdoc />
    public ValueTask<SettleOutcome> NackAsync(DeliveryRef delivery, string reason, long visibleAt, int maxAttempts, long now, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(delivery.Topic);
            MemoryGroupPartition gp = GetGroupPartitionLocked(t, delivery);
            if (!gp.Deliveries.TryGetValue(delivery.Offset, out MemoryDelivery? d))
            {
                return ValueTask.FromResult(NoDeliveryRowOutcome(gp, delivery));
            }

            if (d.Settled)
            {
                return ValueTask.FromResult(SettleOutcome.AlreadySettled);
            }

            if (d.Attempts != delivery.Attempt)
            {
                return ValueTask.FromResult(SettleOutcome.Stale);
            }

            MemoryPartition part = t.Partitions[delivery.Partition];
            if (d.Attempts >= maxAttempts)
            {
                EventRecord? original = FindInPartition(part, delivery.Offset);
                DeadLetterLocked(original, delivery.Group, reason, d, now);
                AdvanceLocked(part, gp);
                return ValueTask.FromResult(SettleOutcome.DeadLettered);
            }

            d.Owner = null;
            d.LeaseUntil = 0;
            d.VisibleAt = visibleAt;
            d.LastError = reason;
            return ValueTask.FromResult(SettleOutcome.Released);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ExtendLeaseAsync(DeliveryRef delivery, string member, long leaseUntil, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryDelivery? d = HeldLocked(delivery, member);
            if (d is null)
            {
                return ValueTask.FromResult(false);
            }

            d.LeaseUntil = Math.Max(d.LeaseUntil, leaseUntil);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(DeliveryRef delivery, string member, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryDelivery? d = HeldLocked(delivery, member);
            if (d is null)
            {
                return ValueTask.FromResult(false);
            }

            // The attempt did not run to completion, so it does not count toward maxAttempts.
            d.Attempts = Math.Max(0, d.Attempts - 1);
            d.Owner = null;
            d.LeaseUntil = 0;
            d.VisibleAt = 0;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask HeartbeatAsync(string topic, string group, string member, bool ordered, long expiresAt, CancellationToken ct = default)
    {
        lock (_lock)
        {
            string gk = GroupKey(topic, group);
            if (!_members.TryGetValue(gk, out Dictionary<string, (bool, long)>? members))
            {
                members = new Dictionary<string, (bool, long)>(StringComparer.Ordinal);
                _members[gk] = members;
            }

            members[member] = (ordered, expiresAt);
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask LeaveAsync(string topic, string group, string member, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_members.TryGetValue(GroupKey(topic, group), out Dictionary<string, (bool, long)>? members))
            {
                members.Remove(member);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> LiveMembersAsync(string topic, string group, bool orderedOnly, long now, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(GroupKey(topic, group), out Dictionary<string, (bool Ordered, long ExpiresAt)>? members))
            {
                return ValueTask.FromResult<IReadOnlyList<string>>([]);
            }

            string[] live = members.Where(m => m.Value.ExpiresAt > now && (!orderedOnly || m.Value.Ordered))
                .Select(m => m.Key).OrderBy(m => m, StringComparer.Ordinal).ToArray();
            return ValueTask.FromResult<IReadOnlyList<string>>(live);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> IsProcessedAsync(string key, long now, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_processed.TryGetValue(key, out long exp) && exp > now);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkProcessedAsync(string key, long expiresAt, CancellationToken ct = default)
    {
        lock (_lock)
        {
            _processed[key] = expiresAt;
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeProcessedAsync(long now, CancellationToken ct = default)
    {
        lock (_lock)
        {
            string[] expired = _processed.Where(p => p.Value <= now).Select(p => p.Key).ToArray();
            foreach (string k in expired)
            {
                _processed.Remove(k);
            }

            return ValueTask.FromResult(expired.Length);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> CompactAsync(string topic, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            int removed = 0;
            foreach (MemoryPartition p in t.Partitions)
            {
                var lastOffsetByKey = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (EventRecord r in p.Records)
                {
                    if (r.Key is not null)
                    {
                        lastOffsetByKey[r.Key] = r.Offset;
                    }
                }

                removed += RemoveWhereLocked(topic, p, r => r.Key is not null && lastOffsetByKey[r.Key] != r.Offset);
            }

            return ValueTask.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteOlderThanAsync(string topic, long olderThan, CancellationToken ct = default)
    {
        lock (_lock)
        {
            MemoryTopic t = GetTopicLocked(topic);
            int removed = 0;
            foreach (MemoryPartition p in t.Partitions)
            {
                removed += RemoveWhereLocked(topic, p, r => r.Ts < olderThan);
            }

            return ValueTask.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string GroupKey(string topic, string group) => topic + "\0" + group;

    private static bool IsLater(EventRecord a, EventRecord b) => a.Ts > b.Ts || (a.Ts == b.Ts && string.CompareOrdinal(a.Id, b.Id) > 0);

    private static EventRecord? FindInPartition(MemoryPartition p, long offset)
    {
        int i = p.IndexAfter(offset - 1);
        return i < p.Records.Count && p.Records[i].Offset == offset ? p.Records[i] : null;
    }

    /// <summary>An ack/nack of a record without a delivery row: settled already if at or below the watermark, else unknown.</summary>
    private static SettleOutcome NoDeliveryRowOutcome(MemoryGroupPartition gp, DeliveryRef delivery)
    {
        if (delivery.Offset <= gp.Watermark)
        {
            return SettleOutcome.AlreadySettled;
        }

        throw new BusException(BusErrorCode.UnknownDelivery,
            $"Group '{delivery.Group}' was never given {delivery.Topic}[{delivery.Partition}]@{delivery.Offset}; nothing to ack or nack.");
    }

    /// <summary>
    /// Moves the watermark over the contiguous settled prefix: the next record above it must have a settled delivery
    /// row (missing offsets — deleted by retention/compaction — count as settled). Then drops the rows it passed.
    /// </summary>
    private static void AdvanceLocked(MemoryPartition part, MemoryGroupPartition gp)
    {
        long wm;
        int i = part.IndexAfter(gp.Watermark);
        while (true)
        {
            if (i >= part.Records.Count)
            {
                wm = part.Head;
                break;
            }

            long off = part.Records[i].Offset;
            if (gp.Deliveries.TryGetValue(off, out MemoryDelivery? d) && d.Settled)
            {
                i++;
                continue;
            }

            wm = off - 1;
            break;
        }

        if (wm > gp.Watermark)
        {
            for (long o = gp.Watermark + 1; o <= wm; o++)
            {
                gp.Deliveries.Remove(o);
            }

            gp.Watermark = wm;
        }

        AssertInvariants(part, gp);
    }

    [Conditional("DEBUG")]
    private static void AssertInvariants(MemoryPartition part, MemoryGroupPartition gp)
    {
        Debug.Assert(gp.Watermark <= part.Head, "watermark beyond head");
        foreach (long off in gp.Deliveries.Keys)
        {
            Debug.Assert(off > gp.Watermark, "delivery row at or below the watermark");
        }
    }

    /// <summary>
    /// Walks the partition's unsettled records up from the watermark in offset order. Competing mode leases every
    /// claimable one; ordered mode counts the ones this member already holds toward its per-partition window and stops
    /// at the first record another member holds or a nack delay hides (head-of-line).
    /// </summary>
    private void ClaimPartitionLocked(ClaimRequest req, MemoryTopic t, int p, MemoryGroupPartition gp, List<ClaimedRecord> claimed)
    {
        MemoryPartition part = t.Partitions[p];
        int perPartition = Math.Max(1, req.MaxPerPartition);
        int held = 0;
        for (int i = part.IndexAfter(gp.Watermark); i < part.Records.Count && claimed.Count < req.Max; i++)
        {
            if (req.Ordered && held >= perPartition)
            {
                return;
            }

            EventRecord r = part.Records[i];
            gp.Deliveries.TryGetValue(r.Offset, out MemoryDelivery? d);
            if (d is { Settled: true })
            {
                continue;
            }

            bool leased = d is not null && d.LeaseUntil > req.Now;
            if (req.Ordered && leased && d!.Owner == req.Member)
            {
                held++; // already in this member's window, in order
                continue;
            }

            if (leased || (d is not null && d.VisibleAt > req.Now))
            {
                if (req.Ordered)
                {
                    return; // head-of-line: another member holds it, or it waits for its nack delay
                }

                continue;
            }

            if (d is not null && d.Attempts >= req.MaxAttempts)
            {
                // The last allowed attempt's lease expired without an ack: dead-letter instead of redelivering.
                DeadLetterLocked(r, req.Group, ClaimRules.ExpiredReason(d.LastError, d.Attempts), d, req.Now);
                AdvanceLocked(part, gp);
                i = Math.Max(i, part.IndexAfter(gp.Watermark) - 1);
                continue;
            }

            d ??= gp.Deliveries[r.Offset] = new MemoryDelivery();
            d.Attempts++;
            d.Owner = req.Member;
            d.LeaseUntil = req.LeaseUntil;
            d.VisibleAt = 0;
            claimed.Add(new ClaimedRecord(r, d.Attempts, req.LeaseUntil));
            held++;
        }
    }

    private void DeadLetterLocked(EventRecord? original, string group, string error, MemoryDelivery d, long now)
    {
        if (original is not null)
        {
            PendingRecord dlq = DeadLetter.Build(original, group, error, d.Attempts, now);
            EnsureTopicLocked(new TopicConfig(dlq.Topic));
            AppendLocked(dlq);
        }

        d.Settled = true;
        d.Owner = null;
        d.LastError = error;
    }

    private MemoryDelivery? HeldLocked(DeliveryRef delivery, string member)
    {
        MemoryTopic t = GetTopicLocked(delivery.Topic);
        MemoryGroupPartition gp = GetGroupPartitionLocked(t, delivery);
        return gp.Deliveries.TryGetValue(delivery.Offset, out MemoryDelivery? d)
            && !d.Settled && d.Attempts == delivery.Attempt && d.Owner == member ? d : null;
    }

    private int RemoveWhereLocked(string topic, MemoryPartition p, Predicate<EventRecord> match)
    {
        var removedRecords = p.Records.FindAll(match);
        if (removedRecords.Count == 0)
        {
            return 0;
        }

        p.Records.RemoveAll(match);
        foreach (EventRecord r in removedRecords)
        {
            _byId.Remove(r.Id);
        }

        // Deleted records count as settled: let every group's watermark move over them.
        int partition = removedRecords[0].Partition;
        string prefix = topic + "\0";
        foreach (KeyValuePair<string, MemoryGroupPartition[]> g in _groups)
        {
            if (g.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                MemoryGroupPartition gp = g.Value[partition];
                foreach (EventRecord r in removedRecords)
                {
                    gp.Deliveries.Remove(r.Offset);
                }

                AdvanceLocked(p, gp);
            }
        }

        return removedRecords.Count;
    }

    private MemoryTopic EnsureTopicLocked(TopicConfig config)
    {
        config.Validate();
        if (_topics.TryGetValue(config.Name, out MemoryTopic? existing))
        {
            if (existing.Config.Partitions != config.Partitions)
            {
                throw new BusException(BusErrorCode.TopicConflict,
                    $"Topic '{config.Name}' exists with {existing.Config.Partitions} partitions; it cannot be re-declared with {config.Partitions}.");
            }

            return existing;
        }

        var created = new MemoryTopic(config);
        _topics[config.Name] = created;
        return created;
    }

    private EventRecord AppendLocked(PendingRecord pending)
    {
        if (_byId.TryGetValue(pending.Id, out EventRecord? existing))
        {
            return existing; // idempotent publish: the id is already stored
        }

        MemoryPartition p = GetTopicLocked(pending.Topic).Partitions[pending.Partition];
        EventRecord record = pending.ToRecord(p.NextOffset++);
        p.Records.Add(record);
        _byId[record.Id] = record;
        return record;
    }

    private MemoryTopic GetTopicLocked(string topic) =>
        _topics.TryGetValue(topic, out MemoryTopic? t) ? t : throw new BusException(BusErrorCode.UnknownTopic, $"Topic '{topic}' does not exist.");

    private MemoryPartition GetPartitionLocked(string topic, int partition)
    {
        MemoryTopic t = GetTopicLocked(topic);
        if ((uint)partition >= (uint)t.Partitions.Length)
        {
            throw new BusException(BusErrorCode.InvalidPartition, $"Partition {partition} does not exist in topic '{topic}' ({t.Partitions.Length} partitions).");
        }

        return t.Partitions[partition];
    }

    private MemoryGroupPartition[] GetGroupLocked(string topic, string group) =>
        _groups.TryGetValue(GroupKey(topic, group), out MemoryGroupPartition[]? g)
            ? g
            : throw new BusException(BusErrorCode.UnknownGroup, $"Consumer group '{group}' has not joined topic '{topic}'.");

    private MemoryGroupPartition GetGroupPartitionLocked(MemoryTopic t, DeliveryRef delivery)
    {
        MemoryGroupPartition[] cursors = GetGroupLocked(delivery.Topic, delivery.Group);
        if ((uint)delivery.Partition >= (uint)cursors.Length)
        {
            throw new BusException(BusErrorCode.InvalidPartition, $"Partition {delivery.Partition} does not exist in topic '{t.Config.Name}'.");
        }

        return cursors[delivery.Partition];
    }

    /// <summary>Per partition, the watermark a new group starts with (start offset − 1).</summary>
    private long[] ResolveStartLocked(MemoryTopic t, StartPosition from)
    {
        var wm = new long[t.Partitions.Length];
        EventRecord? after = null;
        if (from.Kind == StartPositionKind.AfterId)
        {
            if (!_byId.TryGetValue(from.Id!, out after) || after.Topic != t.Config.Name)
            {
                throw new BusException(BusErrorCode.InvalidStartPosition, $"afterId '{from.Id}' is not a record of topic '{t.Config.Name}'.");
            }
        }

        for (int p = 0; p < wm.Length; p++)
        {
            MemoryPartition part = t.Partitions[p];
            wm[p] = from.Kind switch
            {
                StartPositionKind.Earliest => 0,
                StartPositionKind.Latest => part.Head,
                StartPositionKind.Offset => Math.Min(from.Value - 1, part.Head),
                StartPositionKind.Timestamp => FirstAtOrAfter(part, from.Value) - 1,
                StartPositionKind.AfterId when after!.Partition == p => after.Offset,
                StartPositionKind.AfterId => FirstAtOrAfter(part, after!.Ts) - 1,
                _ => throw new BusException(BusErrorCode.InvalidStartPosition, $"Unknown start position kind {from.Kind}."),
            };
        }

        return wm;
    }

    /// <summary>Offset of the first record with ts ≥ <paramref name="ts"/>, or head + 1.</summary>
    private static long FirstAtOrAfter(MemoryPartition part, long ts)
    {
        foreach (EventRecord r in part.Records)
        {
            if (r.Ts >= ts)
            {
                return r.Offset;
            }
        }

        return part.Head + 1;
    }
}
