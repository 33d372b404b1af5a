using System.Collections.Generic;

namespace Prom.Bus.Stores;

/// <summary>Arguments of <see cref="IBusStore.ClaimAsync"/>.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Group">Consumer group (must have joined).</param>
/// <param name="Member">Member taking the leases.</param>
/// <param name="Partitions">Partitions to claim from; null means all.</param>
/// <param name="Max">Most records to claim.</param>
/// <param name="Ordered">
/// Head-of-line mode: per partition only the lowest unsettled record may be claimed, and only when nobody holds it,
/// so a partition is consumed strictly in offset order.
/// </param>
/// <param name="Now">Current Unix ms.</param>
/// <param name="LeaseUntil">Unix ms at which the new leases expire.</param>
/// <param name="MaxAttempts">A record whose lease expired after this many attempts goes to the DLQ instead.</param>
public sealed record ClaimRequest(
    string Topic, string Group, string Member, IReadOnlyList<int>? Partitions, int Max, bool Ordered,
    long Now, long LeaseUntil, int MaxAttempts);
