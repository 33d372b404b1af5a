using System;

namespace Prom.Bus;

/// <summary>Settings of one subscription (one member of a consumer group).</summary>
public sealed class SubscriptionOptions
{
    /// <summary>Where the group starts when it has no committed position. Default <see cref="StartPosition.Earliest"/>.</summary>
    public StartPosition From { get; set; } = StartPosition.Earliest;

    /// <summary>Most unsettled deliveries this member holds at once. Default 32.</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Lease length; an unacked delivery is redelivered after it. Default 30 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a record goes to <c>dlq.&lt;topic&gt;</c>. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Own whole partitions (rendezvous hashing) and receive each in offset order, in a window of up to
    /// <see cref="MaxInFlightPerPartition"/> records per partition. Process one partition's deliveries one after the
    /// other (the hosted consumer does); after a nack the records of that partition not yet received are given back and
    /// come again after the nacked one.
    /// </summary>
    public bool Ordered { get; set; }

    /// <summary>
    /// Ordered subscriptions: most open deliveries per owned partition. Default null = <see cref="MaxInFlight"/>; 1 hands
    /// out one record per partition at a time (the next only after the previous is settled).
    /// </summary>
    public int? MaxInFlightPerPartition { get; set; }

    /// <summary>Records for which this returns false are settled without being delivered (they never stall the group).</summary>
    public Func<EventRecord, bool>? Filter { get; set; }

    /// <summary>Backoff of the first nack without an explicit delay. Default 1 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the exponential backoff. Default 60 s.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fraction of the backoff that is randomized (0 = none, 1 = full jitter). Default 0.5.</summary>
    public double BackoffJitter { get; set; } = 0.5;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlight), MaxInFlight, "Must be at least 1.");
        }

        if (MaxInFlightPerPartition is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInFlightPerPartition), MaxInFlightPerPartition, "Must be at least 1 (or null for MaxInFlight).");
        }

        if (AckTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AckTimeout), AckTimeout, "Must be positive.");
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "Must be at least 1.");
        }

        if (BackoffBase < TimeSpan.Zero || BackoffMax < BackoffBase)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMax), BackoffMax, "BackoffBase must be ≥ 0 and BackoffMax ≥ BackoffBase.");
        }

        if (BackoffJitter is < 0 or > 1 || double.IsNaN(BackoffJitter))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffJitter), BackoffJitter, "Must be in [0, 1].");
        }
    }
}
