using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Stores;

namespace Prom.Topics;

/// <summary>
/// One leased delivery with its payload read by the generated codec (and upcast when the record was written with an
/// older version). Settle it exactly once.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicDelivery<T>
{
    internal TopicDelivery(IBusDelivery delivery, T payload, int schemaVersion, int writtenVersion)
    {
        Delivery = delivery;
        Payload = payload;
        SchemaVersion = schemaVersion;
        WrittenVersion = writtenVersion;
        Headers = schemaVersion == writtenVersion ? delivery.Record.Headers : UpcastHeaders(delivery.Record.Headers, schemaVersion, writtenVersion);
    }

    /// <summary>The header naming the version a record was written with, on deliveries that were converted.</summary>
    public const string UpcastFromHeader = "x-upcasted-from";

    /// <summary>The payload, as the consumer's version.</summary>
    public T Payload { get; }

    /// <summary>The schema version of <see cref="Payload"/>: the consumer's version (what <see cref="Headers"/> says in <c>x-schema-version</c>).</summary>
    public int SchemaVersion { get; }

    /// <summary>The schema version the record was written with (its stored <c>x-schema-version</c> header).</summary>
    public int WrittenVersion { get; }

    /// <summary>Whether the payload was converted from another version (<see cref="WrittenVersion"/> ≠ <see cref="SchemaVersion"/>).</summary>
    public bool WasUpcast => WrittenVersion != SchemaVersion;

    /// <summary>The untyped delivery (lease, attempt, group).</summary>
    public IBusDelivery Delivery { get; }

    /// <summary>The record.</summary>
    public EventRecord Record => Delivery.Record;

    /// <summary>The record's partitioning key.</summary>
    public string? Key => Delivery.Record.Key;

    /// <summary>
    /// The record's headers as they describe <see cref="Payload"/>: for a converted record <c>x-schema-version</c> is
    /// the consumer's version and <c>x-upcasted-from</c> the written one (<see cref="Record"/> keeps the stored headers).
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

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

    private static Dictionary<string, string> UpcastHeaders(IReadOnlyDictionary<string, string> stored, int version, int written)
    {
        var headers = new Dictionary<string, string>(stored.Count + 1, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in stored) headers[pair.Key] = pair.Value;
        headers[TopicHeaders.SchemaVersion] = version.ToString(CultureInfo.InvariantCulture);
        headers[UpcastFromHeader] = written.ToString(CultureInfo.InvariantCulture);
        return headers;
    }
}
