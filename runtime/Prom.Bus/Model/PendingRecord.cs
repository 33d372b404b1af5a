using System;
using System.Collections.Generic;

namespace Prom.Bus;

/// <summary>
/// A validated record with id, timestamp and partition decided, waiting for the store to allocate its offset.
/// </summary>
/// <param name="Id">UUIDv7 (or caller-given UUID) of the record.</param>
/// <param name="Ts">Publish time, Unix ms.</param>
/// <param name="Topic">Topic name.</param>
/// <param name="Key">Partitioning key.</param>
/// <param name="Partition">Partition chosen by the bus.</param>
/// <param name="Headers">Headers.</param>
/// <param name="Payload">UTF-8 JSON payload.</param>
/// <param name="Sid">Session id.</param>
/// <param name="CausedBy">Causes.</param>
/// <param name="Tags">Tags.</param>
public sealed record PendingRecord(
    string Id, long Ts, string Topic, string? Key, int Partition,
    IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Payload,
    string? Sid, IReadOnlyList<string> CausedBy, IReadOnlyList<string> Tags)
{
    /// <summary>The stored record once the store assigned <paramref name="offset"/>.</summary>
    public EventRecord ToRecord(long offset) =>
        new(Id, Ts, Topic, Key, Partition, offset, Headers, Payload, Sid, CausedBy, Tags);
}
