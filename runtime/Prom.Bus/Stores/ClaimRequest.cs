using System.Collections.Generic;

namespace Prom.Bus.Stores;

/// <summary>Arguments of <see cref="IConsumerGroupStore.ClaimAsync"/>.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Group">Consumer group (must have joined).</param>
/// <param name="Member">Member taking the leases.</param>
/// <param name="Partitions">Partitions to claim from; null means all.</param>
/// <param name="Max">Most records to claim.</param>
/// <param name="Ordered">
/// Head-of-line mode: per partition, walking up from the watermark over the unsettled records, the member may claim a
/// record only while every lower unsettled record is leased to this same member; the walk stops at the first record
/// that another member holds or that is not visible yet (nack delay). So a partition is handed out strictly in offset
/// order, in a window of up to <see cref="MaxPerPartition"/> records.
/// </param>
/// <param name="Now">Current Unix ms.</param>
/// <param name="LeaseUntil">Unix ms at which the new leases expire.</param>
/// <param name="MaxAttempts">A record whose lease expired after this many attempts goes to the DLQ instead.</param>
public sealed record ClaimRequest(
    string Topic, string Group, string Member, IReadOnlyList<int>? Partitions, int Max, bool Ordered,
    long Now, long LeaseUntil, int MaxAttempts)
{
    /// <summary>
    /// Ordered mode only: most records of one partition the member may hold at once, counting the live leases it already
    /// holds there. Default <see cref="int.MaxValue"/> (only <see cref="Max"/> limits).
    /// </summary>
    public int MaxPerPartition { get; init; } = int.MaxValue;
}
