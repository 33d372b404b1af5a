using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// The one storage contract of the bus. Every operation is atomic on its own; the claim/ack/nack primitives are shaped
/// for row-level stores (SQLite transactions, PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, MongoDB
/// <c>findOneAndUpdate</c> on <c>events</c>/<c>cursors</c>/<c>deliveries</c>), so several processes can share one store.
/// <para>
/// State per (topic, group, partition): a <em>watermark</em> (all offsets ≤ it settled) and, for records above it that
/// were ever claimed, a delivery row (attempts, lease owner, lease expiry, visible-at, settled, last error). The
/// watermark advances only over a contiguous settled prefix; records deleted by retention or compaction count as
/// settled. Every implementation must pass the shared conformance suite in tests/Prom.Bus.Tests.
/// </para>
/// </summary>
public interface IBusStore : IAsyncDisposable
{
    /// <summary>Creates the topic when missing and returns its stored config (the first declaration wins; a different partition count is a <see cref="BusErrorCode.TopicConflict"/>).</summary>
    ValueTask<TopicConfig> EnsureTopicAsync(TopicConfig config, CancellationToken ct = default);

    /// <summary>The topic's config, or null when it does not exist.</summary>
    ValueTask<TopicConfig?> GetTopicAsync(string topic, CancellationToken ct = default);

    /// <summary>All topics.</summary>
    ValueTask<IReadOnlyList<TopicConfig>> ListTopicsAsync(CancellationToken ct = default);

    /// <summary>
    /// Appends records atomically (all or none), allocating offsets per topic-partition, and returns only after they
    /// are durable. A record whose id already exists is not stored again: the stored record is returned in its place.
    /// The topics must exist.
    /// </summary>
    ValueTask<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct = default);

    /// <summary>Up to <paramref name="max"/> records of a partition with offset ≥ <paramref name="fromOffset"/>, in offset order.</summary>
    ValueTask<IReadOnlyList<EventRecord>> ReadAsync(string topic, int partition, long fromOffset, int max, CancellationToken ct = default);

    /// <summary>The record with this id, or null.</summary>
    ValueTask<EventRecord?> FindByIdAsync(string id, CancellationToken ct = default);

    /// <summary>The latest record per key of a topic (keyless records are not included).</summary>
    ValueTask<IReadOnlyList<EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default);

    /// <summary>
    /// Creates the group's cursors at <paramref name="from"/> when the group has none; otherwise leaves them (a later
    /// subscription resumes). Returns true when the group was created by this call.
    /// </summary>
    ValueTask<bool> JoinGroupAsync(string topic, string group, StartPosition from, CancellationToken ct = default);

    /// <summary>Watermark and head per partition; throws <see cref="BusErrorCode.UnknownGroup"/> for a group that never joined.</summary>
    ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default);

    /// <summary>
    /// Leases up to <c>Max</c> deliverable records (above the watermark, not settled, no live lease, visible) in offset
    /// order, incrementing and persisting each one's attempt count. A record whose lease expired after
    /// <c>MaxAttempts</c> attempts is dead-lettered in the same transaction instead.
    /// </summary>
    ValueTask<IReadOnlyList<ClaimedRecord>> ClaimAsync(ClaimRequest request, CancellationToken ct = default);

    /// <summary>
    /// Settles a delivered record and advances the watermark over the contiguous settled prefix. Accepts late acks of
    /// an expired lease (the work was done). Throws <see cref="BusErrorCode.UnknownDelivery"/> when the group was never
    /// given that record.
    /// </summary>
    ValueTask<SettleOutcome> AckAsync(DeliveryRef delivery, CancellationToken ct = default);

    /// <summary>
    /// Releases a delivery for redelivery at <paramref name="visibleAt"/>, or dead-letters it when its attempts reached
    /// <paramref name="maxAttempts"/> (DLQ append stamped <paramref name="now"/> and settle in one transaction).
    /// </summary>
    ValueTask<SettleOutcome> NackAsync(DeliveryRef delivery, string reason, long visibleAt, int maxAttempts, long now, CancellationToken ct = default);

    /// <summary>Extends the lease when <paramref name="member"/> still holds it with that attempt; false otherwise.</summary>
    ValueTask<bool> ExtendLeaseAsync(DeliveryRef delivery, string member, long leaseUntil, CancellationToken ct = default);

    /// <summary>
    /// Gives a delivery back without counting the attempt (graceful shutdown of unfinished work); false when the
    /// member no longer holds it.
    /// </summary>
    ValueTask<bool> ReleaseAsync(DeliveryRef delivery, string member, CancellationToken ct = default);

    /// <summary>Records that a member is alive until <paramref name="expiresAt"/>.</summary>
    ValueTask HeartbeatAsync(string topic, string group, string member, bool ordered, long expiresAt, CancellationToken ct = default);

    /// <summary>Removes a member (clean leave).</summary>
    ValueTask LeaveAsync(string topic, string group, string member, CancellationToken ct = default);

    /// <summary>Members alive at <paramref name="now"/>, ordinal order; only ordered ones when <paramref name="orderedOnly"/>.</summary>
    ValueTask<IReadOnlyList<string>> LiveMembersAsync(string topic, string group, bool orderedOnly, long now, CancellationToken ct = default);

    /// <summary>Whether the idempotency key was marked and has not expired at <paramref name="now"/>.</summary>
    ValueTask<bool> IsProcessedAsync(string key, long now, CancellationToken ct = default);

    /// <summary>Marks an idempotency key until <paramref name="expiresAt"/>.</summary>
    ValueTask MarkProcessedAsync(string key, long expiresAt, CancellationToken ct = default);

    /// <summary>Deletes expired idempotency keys; returns how many.</summary>
    ValueTask<int> PurgeProcessedAsync(long now, CancellationToken ct = default);

    /// <summary>Deletes every keyed record that a later record with the same key in the same partition supersedes; returns how many.</summary>
    ValueTask<int> CompactAsync(string topic, CancellationToken ct = default);

    /// <summary>Deletes records with <c>ts &lt; olderThan</c>; returns how many.</summary>
    ValueTask<int> DeleteOlderThanAsync(string topic, long olderThan, CancellationToken ct = default);
}
