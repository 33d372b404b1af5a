using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Prom.Bus;

/// <summary>
/// Builds and reads DLQ entries. A DLQ record lives in <c>dlq.&lt;topic&gt;</c> (partition 0) with payload
/// <c>{"topic","group","original":&lt;record JSON&gt;,"error","attempts","ts"}</c>; stores call
/// <see cref="Build"/> inside the transaction that settles the original.
/// </summary>
public static class DeadLetter
{
    private static readonly IReadOnlyDictionary<string, string> s_headers =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" };

    /// <summary>The pending DLQ record for <paramref name="original"/> failed in <paramref name="group"/>.</summary>
    public static PendingRecord Build(EventRecord original, string group, string error, int attempts, long now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("topic", original.Topic);
            w.WriteString("group", group);
            w.WritePropertyName("original");
            RecordJson.Write(w, original);
            w.WriteString("error", error);
            w.WriteNumber("attempts", attempts);
            w.WriteNumber("ts", now);
            w.WriteEndObject();
        }

        return new PendingRecord(
            UuidV7.NewId(now), now, BusNames.DlqTopic(original.Topic), original.Key, 0, s_headers, buffer.ToArray(),
            original.Sid, [original.Id], original.Tags);
    }

    /// <summary>Reads the original record, group, error and attempts out of a DLQ record.</summary>
    /// <exception cref="JsonException">The record is not a DLQ entry.</exception>
    public static DeadLetterEntry Read(EventRecord dlqRecord)
    {
        using JsonDocument doc = JsonDocument.Parse(dlqRecord.Payload);
        JsonElement root = doc.RootElement;
        try
        {
            return new DeadLetterEntry(
                dlqRecord,
                root.GetProperty("topic").GetString()!,
                root.GetProperty("group").GetString()!,
                RecordJson.Read(root.GetProperty("original")),
                root.GetProperty("error").GetString() ?? string.Empty,
                root.GetProperty("attempts").GetInt32(),
                root.GetProperty("ts").GetInt64());
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            throw new JsonException($"Record {dlqRecord.Id} of {dlqRecord.Topic} is not a DLQ entry: {ex.Message}", ex);
        }
    }
}
