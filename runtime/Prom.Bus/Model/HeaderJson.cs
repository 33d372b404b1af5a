using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Prom.Bus;

/// <summary>Headers as a flat JSON object of strings: the text form the SQL stores keep them in (null when empty).</summary>
public static class HeaderJson
{
    private static readonly IReadOnlyDictionary<string, string> s_empty = new Dictionary<string, string>();

    /// <summary>The headers as a JSON object, or null when there are none.</summary>
    public static string? Write(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (KeyValuePair<string, string> h in headers)
            {
                w.WriteString(h.Key, h.Value);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="Write"/> wrote (null reads as no headers).</summary>
    /// <exception cref="JsonException">The text is not a flat JSON object of strings.</exception>
    public static IReadOnlyDictionary<string, string> Read(string? json)
    {
        if (json is null)
        {
            return s_empty;
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Headers must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            headers[name] = reader.GetString() ?? throw new JsonException($"Header '{name}' is null.");
        }

        return headers;
    }
}
