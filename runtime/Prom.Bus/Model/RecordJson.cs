using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Prom.Bus;

/// <summary>
/// The JSON form of a record, used by NDJSON export and by DLQ entries:
/// <c>{"id","ts","topic","key","partition","offset","headers":{},"payload":&lt;raw JSON&gt;,"sid","caused_by":[],"tags":[]}</c>.
/// </summary>
public static class RecordJson
{
    /// <summary>Writes <paramref name="record"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, EventRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteNumber("ts", record.Ts);
        writer.WriteString("topic", record.Topic);
        if (record.Key is null)
        {
            writer.WriteNull("key");
        }
        else
        {
            writer.WriteString("key", record.Key);
        }

        writer.WriteNumber("partition", record.Partition);
        writer.WriteNumber("offset", record.Offset);
        writer.WriteStartObject("headers");
        foreach (KeyValuePair<string, string> h in record.Headers)
        {
            writer.WriteString(h.Key, h.Value);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("payload");
        writer.WriteRawValue(record.Payload.Span, skipInputValidation: true);
        if (record.Sid is null)
        {
            writer.WriteNull("sid");
        }
        else
        {
            writer.WriteString("sid", record.Sid);
        }

        WriteStrings(writer, "caused_by", record.CausedBy);
        WriteStrings(writer, "tags", record.Tags);
        writer.WriteEndObject();
    }

    /// <summary>The record as compact JSON bytes.</summary>
    public static byte[] ToUtf8(EventRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a record written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">A required field is missing or has the wrong type.</exception>
    public static EventRecord Read(JsonElement e)
    {
        try
        {
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty h in e.GetProperty("headers").EnumerateObject())
            {
                headers[h.Name] = h.Value.GetString() ?? string.Empty;
            }

            return new EventRecord(
                e.GetProperty("id").GetString()!,
                e.GetProperty("ts").GetInt64(),
                e.GetProperty("topic").GetString()!,
                e.TryGetProperty("key", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null,
                e.GetProperty("partition").GetInt32(),
                e.GetProperty("offset").GetInt64(),
                headers,
                JsonSerializer.SerializeToUtf8Bytes(e.GetProperty("payload")),
                e.TryGetProperty("sid", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
                ReadStrings(e, "caused_by"),
                ReadStrings(e, "tags"));
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"Not a bus record: {ex.Message}", ex);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }

    private static string[] ReadStrings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out JsonElement arr) || arr.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new string[arr.GetArrayLength()];
        int i = 0;
        foreach (JsonElement v in arr.EnumerateArray())
        {
            list[i++] = v.GetString() ?? string.Empty;
        }

        return list;
    }
}
