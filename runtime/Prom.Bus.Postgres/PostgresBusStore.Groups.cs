using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary>
/// <see cref="IConsumerGroupStore"/> except claims and acks: join, state, nack, lease changes, and the watermark advance.
/// Every change of a group's partition state first locks its cursor row (<see cref="PostgresSql.LockCursor"/>), so the
/// watermark invariant holds across processes: after every advance, offset watermark+1 is an existing unsettled record
/// (or the watermark is the head), so only an ack of watermark+1 can move it.
/// </summary>
public sealed partial class PostgresBusStore
{
    /// <inheritdoc />
    public ValueTask<bool> JoinGroupAsync(string topic, string group, StartPosition from, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            TopicConfig t = await RequireTopicTx(tx, topic).ConfigureAwait(false);
            if (await tx.ScalarAsync(_sql.GroupExists, PgParams.Text(topic), PgParams.Text(group)).ConfigureAwait(false) is not null)
            {
                return false;
            }

            long[] start = await ResolveStartTx(tx, t, from).ConfigureAwait(false);
            var parts = new int[start.Length];
            for (int p = 0; p < parts.Length; p++)
            {
                parts[p] = p;
            }

            // A concurrent join of the same group in another process waits on the primary key and then inserts nothing.
            if (await tx.ExecAsync(_sql.InsertCursors, PgParams.Text(topic), PgParams.Text(group), PgParams.IntArray(parts), PgParams.LongArray(start)).ConfigureAwait(false) == 0)
            {
                return false;
            }

            for (int p = 0; p < start.Length; p++)
            {
                // Skip offsets retention or compaction already deleted, so watermark+1 is an existing record.
                await AdvanceTx(tx, topic, group, p, start[p]).ConfigureAwait(false);
            }

            return true;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListGroupsAsync(string topic, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<string>>(async tx =>
        {
            var groups = new List<string>();
            await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.ListGroups, PgParams.Text(topic)).ConfigureAwait(false);
            while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
            {
                groups.Add(r.GetString(0));
            }

            return groups;
        }, ct);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<GroupPartitionState>>(async tx =>
        {
            await RequireTopicTx(tx, topic).ConfigureAwait(false);
            var states = new List<GroupPartitionState>();
            await using (NpgsqlDataReader r = await tx.ReaderAsync(_sql.GroupState, PgParams.Text(topic), PgParams.Text(group)).ConfigureAwait(false))
            {
                while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
                {
                    states.Add(new GroupPartitionState(r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)));
                }
            }

            return states.Count == 0 ? throw StoreErrors.UnknownGroup(topic, group) : states;
        }, ct);

    /// <inheritdoc />
    public ValueTask<SettleOutcome> NackAsync(DeliveryRef delivery, string reason, long visibleAt, int maxAttempts, long now, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            long wm = await LockCursorTx(tx, delivery).ConfigureAwait(false);
            (bool? settled, int attempts) = await DeliveryRowTx(tx, delivery).ConfigureAwait(false);
            if (settled is null)
            {
                return NoDeliveryRowOutcome(wm, delivery);
            }

            if (settled.Value)
            {
                return SettleOutcome.AlreadySettled;
            }

            if (attempts != delivery.Attempt)
            {
                return SettleOutcome.Stale;
            }

            if (attempts >= maxAttempts)
            {
                await DeadLetterTx(tx, delivery.Topic, null, delivery.Group, delivery.Partition, delivery.Offset, reason, attempts, now).ConfigureAwait(false);
                await AdvanceTx(tx, delivery.Topic, delivery.Group, delivery.Partition, wm).ConfigureAwait(false);
                return SettleOutcome.DeadLettered;
            }

            await tx.ExecAsync(_sql.NackRelease, [.. DeliveryKey(delivery), PgParams.Long(visibleAt), PgParams.Text(reason)]).ConfigureAwait(false);
            tx.Appended(delivery.Topic); // wakes other processes' members: the record is claimable again
            return SettleOutcome.Released;
        }, ct, deliveryState: true);

    /// <inheritdoc />
    public ValueTask<bool> ExtendLeaseAsync(DeliveryRef delivery, string member, long leaseUntil, CancellationToken ct = default) =>
        InTransactionAsync(async tx => await tx.ExecAsync(_sql.ExtendLease,
            [.. DeliveryKey(delivery), PgParams.Long(leaseUntil), PgParams.Int(delivery.Attempt), PgParams.Text(member)]).ConfigureAwait(false) == 1, ct, deliveryState: true);

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(DeliveryRef delivery, string member, CancellationToken ct = default) =>
        InTransactionAsync(async tx =>
        {
            bool released = await tx.ExecAsync(_sql.Release,
                [.. DeliveryKey(delivery), PgParams.Int(delivery.Attempt), PgParams.Text(member)]).ConfigureAwait(false) == 1;
            if (released)
            {
                tx.Appended(delivery.Topic);
            }

            return released;
        }, ct, deliveryState: true);

    private static NpgsqlParameter[] DeliveryKey(DeliveryRef d) =>
        [PgParams.Text(d.Topic), PgParams.Text(d.Group), PgParams.Int(d.Partition), PgParams.Long(d.Offset)];

    private static SettleOutcome NoDeliveryRowOutcome(long watermark, DeliveryRef delivery) =>
        delivery.Offset <= watermark ? SettleOutcome.AlreadySettled : throw StoreErrors.UnknownDelivery(delivery);

    /// <summary>Locks the cursor row of the delivery's group and partition; returns the watermark.</summary>
    private async Task<long> LockCursorTx(PgTx tx, DeliveryRef d)
    {
        RequirePartition(await RequireTopicTx(tx, d.Topic).ConfigureAwait(false), d.Partition);
        await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.LockCursor, PgParams.Text(d.Topic), PgParams.Text(d.Group), PgParams.Int(d.Partition)).ConfigureAwait(false);
        return await r.ReadAsync(tx.Cancellation).ConfigureAwait(false) ? r.GetInt64(0) : throw StoreErrors.UnknownGroup(d.Topic, d.Group);
    }

    /// <summary>The delivery row's settled flag (null without a row) and attempts.</summary>
    private async Task<(bool? Settled, int Attempts)> DeliveryRowTx(PgTx tx, DeliveryRef d)
    {
        await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.DeliveryRow, DeliveryKey(d)).ConfigureAwait(false);
        return await r.ReadAsync(tx.Cancellation).ConfigureAwait(false) ? (r.GetBoolean(0), r.GetInt32(1)) : (null, 0);
    }

    /// <summary>
    /// Moves the watermark (the caller holds the cursor lock) to just below the first unsettled record above it, or to
    /// the head; drops the delivery rows it passed. Returns the new watermark.
    /// </summary>
    private async Task<long> AdvanceTx(PgTx tx, string topic, string group, int partition, long watermark)
    {
        object? next = await tx.ScalarAsync(_sql.FirstUnsettled, PgParams.Text(topic), PgParams.Text(group), PgParams.Int(partition), PgParams.Long(watermark)).ConfigureAwait(false);
        long advanced = next is null ? await HeadTx(tx, topic, partition).ConfigureAwait(false) : (long)next - 1;
        if (advanced <= watermark)
        {
            return watermark;
        }

        NpgsqlParameter[] key = [PgParams.Text(topic), PgParams.Text(group), PgParams.Int(partition), PgParams.Long(advanced)];
        await tx.ExecAsync(_sql.SetWatermark, key).ConfigureAwait(false);
        await tx.ExecAsync(_sql.DropSettledBelow, [PgParams.Text(topic), PgParams.Text(group), PgParams.Int(partition), PgParams.Long(advanced), PgParams.Long(watermark)]).ConfigureAwait(false);
        return advanced;
    }

    /// <summary>Appends the DLQ entry of a record (read here when <paramref name="original"/> is null) and settles its delivery.</summary>
    private async Task DeadLetterTx(PgTx tx, string topic, EventRecord? original, string group, int partition, long offset, string error, int attempts, long now)
    {
        if (original is null)
        {
            List<EventRecord> found = await ReadRecordsTx(tx, _sql.FindRecord, PgParams.Text(topic), PgParams.Int(partition), PgParams.Long(offset)).ConfigureAwait(false);
            original = found.Count == 0 ? null : found[0];
        }

        if (original is not null)
        {
            PendingRecord dlq = DeadLetter.Build(original, group, error, attempts, now);
            await EnsureTopicTx(tx, new TopicConfig(dlq.Topic)).ConfigureAwait(false);
            await AppendTx(tx, [dlq]).ConfigureAwait(false);
        }

        await tx.ExecAsync(_sql.SettleWithError, [PgParams.Text(topic), PgParams.Text(group), PgParams.Int(partition), PgParams.Long(offset), PgParams.Text(error)]).ConfigureAwait(false);
    }

    private async Task<long[]> ResolveStartTx(PgTx tx, TopicConfig t, StartPosition from)
    {
        EventRecord? after = null;
        if (from.Kind == StartPositionKind.AfterId)
        {
            after = await FindByIdTx(tx, from.Id!).ConfigureAwait(false);
            if (after is null || after.Topic != t.Name)
            {
                throw new BusException(BusErrorCode.InvalidStartPosition, $"afterId '{from.Id}' is not a record of topic '{t.Name}'.");
            }
        }

        var wm = new long[t.Partitions];
        for (int p = 0; p < wm.Length; p++)
        {
            long head = await HeadTx(tx, t.Name, p).ConfigureAwait(false);
            wm[p] = from.Kind switch
            {
                StartPositionKind.Earliest => 0,
                StartPositionKind.Latest => head,
                StartPositionKind.Offset => Math.Min(from.Value - 1, head),
                StartPositionKind.Timestamp => await FirstAtOrAfterTx(tx, t.Name, p, from.Value, head).ConfigureAwait(false) - 1,
                StartPositionKind.AfterId when after!.Partition == p => after.Offset,
                StartPositionKind.AfterId => await FirstAtOrAfterTx(tx, t.Name, p, after!.Ts, head).ConfigureAwait(false) - 1,
                _ => throw new BusException(BusErrorCode.InvalidStartPosition, $"Unknown start position kind {from.Kind}."),
            };
        }

        return wm;
    }

    private async Task<long> FirstAtOrAfterTx(PgTx tx, string topic, int partition, long ts, long head) =>
        await tx.ScalarAsync(_sql.FirstAtOrAfter, PgParams.Text(topic), PgParams.Int(partition), PgParams.Long(ts)).ConfigureAwait(false) is long o
            ? o
            : head + 1;
}
