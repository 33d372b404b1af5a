using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;

namespace Prom.Bus;

/// <summary>
/// One leased delivery of a record to a subscription. Settle it exactly once with <see cref="AckAsync"/>,
/// <see cref="NackAsync"/> or <see cref="ReleaseAsync"/>; extend the lease with <see cref="ModAckAsync"/>.
/// </summary>
[DebuggerDisplay("{Record.Topic}[{Record.Partition}]@{Record.Offset} attempt {Attempt}")]
public sealed class Delivery : IBusDelivery
{
    private readonly Subscription _owner;

    /// <summary>0 while open, 1 once settled/released (set once with Interlocked).</summary>
    private int _completed;

    internal Delivery(Subscription owner, EventRecord record, int attempt, long leaseUntil)
    {
        _owner = owner;
        Record = record;
        Attempt = attempt;
        LeaseUntil = leaseUntil;
    }

    /// <summary>The record.</summary>
    public EventRecord Record { get; }

    /// <summary>Persisted attempt number (1 for the first delivery).</summary>
    public int Attempt { get; }

    /// <summary>Consumer group.</summary>
    public string Group => _owner.Group;

    /// <summary>Unix ms at which the lease expires (moved by <see cref="ModAckAsync"/>).</summary>
    public long LeaseUntil { get; internal set; }

    /// <summary>Whether the delivery was acked, nacked or released through this object.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    internal DeliveryRef Ref => new(Record.Topic, _owner.Group, Record.Partition, Record.Offset, Attempt);

    /// <summary>Settles the record for the group.</summary>
    public ValueTask<SettleOutcome> AckAsync(CancellationToken ct = default) => _owner.AckAsync(this, ct);

    /// <summary>
    /// Reports failure: the record is redelivered after <paramref name="delay"/> (or the subscription's backoff), or
    /// goes to the DLQ when this was the last allowed attempt.
    /// </summary>
    public ValueTask<SettleOutcome> NackAsync(string reason, TimeSpan? delay = null, CancellationToken ct = default) =>
        _owner.NackAsync(this, reason, delay, ct);

    /// <summary>Extends the lease by <paramref name="extend"/> from now (at least 1 s); false when the lease was lost.</summary>
    public ValueTask<bool> ModAckAsync(TimeSpan extend, CancellationToken ct = default) => _owner.ModAckAsync(this, extend, ct);

    /// <summary>Gives the record back unprocessed without counting the attempt (used on shutdown).</summary>
    public ValueTask<bool> ReleaseAsync(CancellationToken ct = default) => _owner.ReleaseAsync(this, ct);

    internal bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;
}
