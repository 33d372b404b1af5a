using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Stores;

namespace Prom.Topics;

/// <summary>One leased delivery with its payload read by the generated codec. Settle it exactly once.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicDelivery<T>
{
    internal TopicDelivery(Delivery delivery, T payload, int schemaVersion)
    {
        Delivery = delivery;
        Payload = payload;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The payload.</summary>
    public T Payload { get; }

    /// <summary>The record's schema version (its <c>x-schema-version</c> header).</summary>
    public int SchemaVersion { get; }

    /// <summary>The untyped delivery (lease, attempt, group).</summary>
    public Delivery Delivery { get; }

    /// <summary>The record.</summary>
    public EventRecord Record => Delivery.Record;

    /// <summary>The record's partitioning key.</summary>
    public string? Key => Delivery.Record.Key;

    /// <summary>The record's headers.</summary>
    public IReadOnlyDictionary<string, string> Headers => Delivery.Record.Headers;

    /// <summary>Attempt number (1 for the first delivery).</summary>
    public int Attempt => Delivery.Attempt;

    /// <summary>Settles the record for the group.</summary>
    public ValueTask<SettleOutcome> AckAsync(CancellationToken ct = default) => Delivery.AckAsync(ct);

    /// <summary>Reports failure: redelivered after <paramref name="delay"/> (or the backoff), or dead-lettered after the last attempt.</summary>
    public ValueTask<SettleOutcome> NackAsync(string reason, TimeSpan? delay = null, CancellationToken ct = default) => Delivery.NackAsync(reason, delay, ct);

    /// <summary>Extends the lease by <paramref name="extend"/> (at least 1 s); false when the lease was lost.</summary>
    public ValueTask<bool> ModAckAsync(TimeSpan extend, CancellationToken ct = default) => Delivery.ModAckAsync(extend, ct);

    /// <summary>Gives the record back unprocessed without counting the attempt.</summary>
    public ValueTask<bool> ReleaseAsync(CancellationToken ct = default) => Delivery.ReleaseAsync(ct);
}
