using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Prom.Bus.Sqlite;

/// <summary>Headers and string lists as JSON text columns (NULL when empty).</summary>
internal static class SqliteJson
{
    private static readonly IReadOnlyDictionary<string, string> s_empty = new Dictionary<string, string>();

    public static object Headers(IReadOnlyDictionary<string, string> headers)
    {
        if (headers.Count == 0)
        {
            return DBNull.Value;
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

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static object Strings(IReadOnlyList<string> values) =>
        values.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(values, SqliteJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyDictionary<string, string> ReadHeaders(string? json)
    {
        if (json is null)
        {
            return s_empty;
        }

        return JsonSerializer.Deserialize(json, SqliteJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>();
    }

    public static IReadOnlyList<string> ReadStrings(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SqliteJsonContext.Default.StringArray) ?? [];
}
