namespace Prom.Bus.InMemory;

/// <summary>Delivery state of one record above a group's watermark (the in-memory twin of the SQL <c>deliveries</c> row).</summary>
internal sealed class MemoryDelivery
{
    /// <summary>Persisted attempt count (incremented by every claim).</summary>
    public int Attempts { get; set; }

    /// <summary>Member holding the lease, null when released.</summary>
    public string? Owner { get; set; }

    /// <summary>Lease expiry, Unix ms (0 when released).</summary>
    public long LeaseUntil { get; set; }

    /// <summary>Not deliverable before this Unix ms (nack delay).</summary>
    public long VisibleAt { get; set; }

    /// <summary>Whether the group settled the record.</summary>
    public bool Settled { get; set; }

    /// <summary>Last nack reason.</summary>
    public string? LastError { get; set; }
}
