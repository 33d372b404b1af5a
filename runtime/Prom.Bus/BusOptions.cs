using System;

namespace Prom.Bus;

/// <summary>Bus-wide settings (bind with <c>services.AddPromBus(o => …)</c>).</summary>
public sealed class BusOptions
{
    /// <summary>Partitions of a topic created implicitly by its first publish or subscribe. Default 1.</summary>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>Largest accepted payload in bytes. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How often an idle subscription re-checks the store. Publishes in the same process wake subscriptions at once;
    /// this interval bounds the delay for publishes from other processes, expired leases and nack delays. Default 100 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often an idle subscription re-checks a store that reports appends from every process itself (PostgreSQL
    /// <c>LISTEN/NOTIFY</c>, see <c>IAppendNotifier</c>): only the fallback for a missed notification, and what bounds
    /// the delay of redeliveries after an expired lease or a nack delay. Default 1 s.
    /// </summary>
    public TimeSpan NotifiedPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often members heartbeat and recompute ordered assignments. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A member that has not heartbeated for this long is considered gone. Default 10 s.</summary>
    public TimeSpan MemberTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long idempotent consumers remember processed ids. Default 7 days.</summary>
    public TimeSpan IdempotencyTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the hosted maintenance service runs retention, compaction and idempotency purges. Default 1 min.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clock of the bus (tests may substitute one). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (DefaultPartitions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultPartitions), DefaultPartitions, "Must be at least 1.");
        }

        if (MaxPayloadBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), MaxPayloadBytes, "Must be at least 1.");
        }

        if (PollInterval <= TimeSpan.Zero || NotifiedPollInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero || MemberTtl <= HeartbeatInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(MemberTtl), MemberTtl, "PollInterval, NotifiedPollInterval and HeartbeatInterval must be positive and MemberTtl longer than HeartbeatInterval.");
        }
    }
}
