using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Bus.Sqlite;

/// <summary>Headers and string lists as JSON text columns (NULL when empty).</summary>
internal static class SqliteJson
{
    public static object Headers(IReadOnlyDictionary<string, string> headers) => (object?)HeaderJson.Write(headers) ?? DBNull.Value;

    public static object Strings(IReadOnlyList<string> values) =>
        values.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(values, SqliteJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyDictionary<string, string> ReadHeaders(string? json) => HeaderJson.Read(json);

    public static IReadOnlyList<string> ReadStrings(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, SqliteJsonContext.Default.StringArray) ?? [];
}
