using System;
using Npgsql;

namespace Prom.Bus.Postgres;

/// <summary>Rows to model objects (column order of <see cref="PostgresSql.RecordColumns"/>).</summary>
internal static class PostgresRows
{
    public static EventRecord ReadRecord(NpgsqlDataReader r) => new(
        r.GetGuid(2).ToString("D"), r.GetInt64(3), r.GetString(10), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(0), r.GetInt64(1),
        HeaderJson.Read(r.IsDBNull(5) ? null : r.GetString(5)), r.GetFieldValue<byte[]>(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? [] : r.GetFieldValue<string[]>(8),
        r.IsDBNull(9) ? [] : r.GetFieldValue<string[]>(9));

    public static TopicConfig ReadTopic(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : TimeSpan.FromMilliseconds(r.GetInt64(2)), r.GetBoolean(3));

    /// <summary>The id as a UUID, or null when it is not one (no record can have it).</summary>
    public static Guid? ParseId(string id) => Guid.TryParseExact(id, "D", out Guid g) ? g : null;
}
