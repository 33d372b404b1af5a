using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// Role of a store: consumer groups and their deliveries (MongoDB: collection <c>cursors</c> keyed
/// <c>{topic, grp, part}</c> with the watermark, and <c>deliveries</c> keyed <c>{topic, grp, part, offs}</c> with
/// attempts, owner, lease_until, visible_at, settled; a claim is a <c>findOneAndUpdate</c> on them).
/// <para>State per (topic, group, partition): a <em>watermark</em> (all offsets ≤ it settled) and, for records above it
/// that were ever claimed, a delivery row. The watermark advances only over a contiguous settled prefix; records deleted
/// by retention or compaction count as settled.</para>
/// </summary>
public interface IConsumerGroupStore
{
    /// <summary>
    /// Creates the group's cursors at <paramref name="from"/> when the group has none; otherwise leaves them (a later
    /// subscription resumes). Returns true when the group was created by this call. An offset start past the head of a
    /// partition starts at its head (the first record published after the join is delivered), the same as
    /// <see cref="StartPosition.Latest"/> for that partition.
    /// </summary>
    ValueTask<bool> JoinGroupAsync(string topic, string group, StartPosition from, CancellationToken ct = default);

    /// <summary>The groups that joined <paramref name="topic"/>, ordinal order (empty when none did or the topic does not exist).</summary>
    ValueTask<IReadOnlyList<string>> ListGroupsAsync(string topic, CancellationToken ct = default);

    /// <summary>Watermark and head per partition; throws <see cref="BusErrorCode.UnknownGroup"/> for a group that never joined.</summary>
    ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default);

    /// <summary>
    /// Leases up to <c>Max</c> deliverable records (above the watermark, not settled, no live lease, visible) in offset
    /// order, incrementing and persisting each one's attempt count. A record whose lease expired after
    /// <c>MaxAttempts</c> attempts is dead-lettered in the same transaction instead. Concurrent claims of several
    /// processes never lease one record to two members at once.
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
}
