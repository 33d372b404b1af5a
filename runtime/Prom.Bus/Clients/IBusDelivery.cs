using System;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;

namespace Prom.Bus;

/// <summary>
/// One leased delivery of a record to a subscription. Settle it exactly once with <see cref="AckAsync"/>,
/// <see cref="NackAsync"/> or <see cref="ReleaseAsync"/>; extend the lease with <see cref="ModAckAsync"/>.
/// </summary>
public interface IBusDelivery
{
    /// <summary>The record.</summary>
    EventRecord Record { get; }

    /// <summary>Persisted attempt number (1 for the first delivery).</summary>
    int Attempt { get; }

    /// <summary>Consumer group.</summary>
    string Group { get; }

    /// <summary>Unix ms at which the lease expires (moved by <see cref="ModAckAsync"/>).</summary>
    long LeaseUntil { get; }

    /// <summary>Whether the delivery was acked, nacked or released through this object.</summary>
    bool IsCompleted { get; }

    /// <summary>Settles the record for the group.</summary>
    ValueTask<SettleOutcome> AckAsync(CancellationToken ct = default);

    /// <summary>
    /// Reports failure: the record is redelivered after <paramref name="delay"/> (or the subscription's backoff), or
    /// goes to the DLQ when this was the last allowed attempt.
    /// </summary>
    ValueTask<SettleOutcome> NackAsync(string reason, TimeSpan? delay = null, CancellationToken ct = default);

    /// <summary>Extends the lease by <paramref name="extend"/> from now (at least 1 s); false when the lease was lost.</summary>
    ValueTask<bool> ModAckAsync(TimeSpan extend, CancellationToken ct = default);

    /// <summary>Gives the record back unprocessed without counting the attempt (used on shutdown).</summary>
    ValueTask<bool> ReleaseAsync(CancellationToken ct = default);
}
