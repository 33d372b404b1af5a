using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;

namespace Prom.Bus;

/// <summary>
/// One durable record of a topic-partition, as DESIGN §5 defines it. Immutable once stored.
/// </summary>
[DebuggerDisplay("{Topic}[{Partition}]@{Offset} {Id}")]
public sealed class EventRecord
{
    /// <summary>Creates a record; stores use this after they made it durable.</summary>
    public EventRecord(
        string id, long ts, string topic, string? key, int partition, long offset,
        IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> payload,
        string? sid, IReadOnlyList<string> causedBy, IReadOnlyList<string> tags)
    {
        Id = id;
        Ts = ts;
        Topic = topic;
        Key = key;
        Partition = partition;
        Offset = offset;
        Headers = headers;
        Payload = payload;
        Sid = sid;
        CausedBy = causedBy;
        Tags = tags;
    }

    /// <summary>UUIDv7, lowercase, time-sortable; unique across the store.</summary>
    public string Id { get; }

    /// <summary>Publish time, Unix milliseconds.</summary>
    public long Ts { get; }

    /// <summary>Topic name (see <see cref="BusNames.ValidateTopic"/>).</summary>
    public string Topic { get; }

    /// <summary>Partitioning key, when the publisher gave one.</summary>
    public string? Key { get; }

    /// <summary>Zero-based partition of the topic.</summary>
    public int Partition { get; }

    /// <summary>Offset within the topic-partition; the first record is 1.</summary>
    public long Offset { get; }

    /// <summary>String headers (<c>content-type</c> and <c>x-…</c> keys).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The payload as UTF-8 JSON bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Optional session/stream id.</summary>
    public string? Sid { get; }

    /// <summary>Ids of the records that caused this one.</summary>
    public IReadOnlyList<string> CausedBy { get; }

    /// <summary>Free-form tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Parses the payload into a detached <see cref="JsonElement"/>.</summary>
    public JsonElement PayloadJson()
    {
        using JsonDocument doc = JsonDocument.Parse(Payload);
        return doc.RootElement.Clone();
    }

    /// <summary>Deserializes the payload with System.Text.Json.</summary>
    /// <exception cref="JsonException">The payload does not match <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Payload.Span, options);
}
