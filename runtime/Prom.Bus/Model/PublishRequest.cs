using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Prom.Bus;

/// <summary>
/// What a publisher hands to <see cref="EventBus.PublishAsync(PublishRequest, System.Threading.CancellationToken)"/>.
/// The bus assigns id (unless given), timestamp, partition and offset.
/// </summary>
public sealed record PublishRequest
{
    /// <summary>Creates a request for <paramref name="topic"/> with a UTF-8 JSON payload.</summary>
    public PublishRequest(string topic, ReadOnlyMemory<byte> payloadUtf8Json)
    {
        Topic = topic;
        Payload = payloadUtf8Json;
    }

    /// <summary>Creates a request whose payload is <paramref name="json"/> (JSON text).</summary>
    public static PublishRequest FromJson(string topic, string json) => new(topic, Encoding.UTF8.GetBytes(json));

    /// <summary>Creates a request whose payload is a serialized <see cref="JsonElement"/>.</summary>
    public static PublishRequest FromElement(string topic, JsonElement payload) =>
        new(topic, JsonSerializer.SerializeToUtf8Bytes(payload));

    /// <summary>Creates a request whose payload is <paramref name="value"/> serialized with System.Text.Json.</summary>
    public static PublishRequest FromValue<T>(string topic, T value, JsonSerializerOptions? options = null) =>
        new(topic, JsonSerializer.SerializeToUtf8Bytes(value, options));

    /// <summary>Target topic.</summary>
    public string Topic { get; }

    /// <summary>UTF-8 JSON payload; validated on publish.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Partitioning key; records with one key land in one partition.</summary>
    public string? Key { get; init; }

    /// <summary>Explicit partition; wins over <see cref="Key"/>.</summary>
    public int? Partition { get; init; }

    /// <summary>Headers; keys must be <c>content-type</c> or match <c>^x-[a-z0-9-]+$</c>.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Optional session/stream id.</summary>
    public string? Sid { get; init; }

    /// <summary>Ids of the records that caused this one.</summary>
    public IReadOnlyList<string>? CausedBy { get; init; }

    /// <summary>Free-form tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>
    /// Explicit event id (a UUID). Publishing an id that already exists returns the stored record instead of a copy:
    /// this is what makes outbox draining and retried publishes idempotent.
    /// </summary>
    public string? Id { get; init; }
}
