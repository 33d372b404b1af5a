using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// Role of a store: live members of consumer groups, by heartbeat (MongoDB: collection <c>members</c> keyed
/// <c>{topic, grp, member}</c> with <c>expires_at</c>). Ordered subscriptions split partitions over the live ordered
/// members by rendezvous hash.
/// </summary>
public interface IMembershipStore
{
    /// <summary>Records that a member is alive until <paramref name="expiresAt"/>.</summary>
    ValueTask HeartbeatAsync(string topic, string group, string member, bool ordered, long expiresAt, CancellationToken ct = default);

    /// <summary>Removes a member (clean leave).</summary>
    ValueTask LeaveAsync(string topic, string group, string member, CancellationToken ct = default);

    /// <summary>Members alive at <paramref name="now"/>, ordinal order; only ordered ones when <paramref name="orderedOnly"/>.</summary>
    ValueTask<IReadOnlyList<string>> LiveMembersAsync(string topic, string group, bool orderedOnly, long now, CancellationToken ct = default);
}
