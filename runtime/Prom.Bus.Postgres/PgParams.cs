using System;
using System.Collections.Generic;
using Npgsql;
using NpgsqlTypes;

namespace Prom.Bus.Postgres;

/// <summary>Typed positional parameters (<c>$1, $2, …</c>): the type is explicit, so a null is never ambiguous.</summary>
internal static class PgParams
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { TypedValue = value };

    public static NpgsqlParameter Long(long value) => new NpgsqlParameter<long> { TypedValue = value };

    public static NpgsqlParameter Bool(bool value) => new NpgsqlParameter<bool> { TypedValue = value };

    public static NpgsqlParameter Uuid(Guid value) => new NpgsqlParameter<Guid> { TypedValue = value };

    public static NpgsqlParameter Bytes(ReadOnlyMemory<byte> value) => new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = value };

    public static NpgsqlParameter Jsonb(string? json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value };

    /// <summary>A text[] column; an empty list is stored as NULL (as the SQLite store does).</summary>
    public static NpgsqlParameter TextArray(IReadOnlyList<string> values) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        Value = values.Count == 0 ? DBNull.Value : values is string[] a ? a : [.. values],
    };

    public static NpgsqlParameter IntArray(int[] values) => new NpgsqlParameter<int[]> { TypedValue = values };

    public static NpgsqlParameter LongArray(long[] values) => new NpgsqlParameter<long[]> { TypedValue = values };

    public static NpgsqlParameter UuidArray(Guid[] values) => new NpgsqlParameter<Guid[]> { TypedValue = values };
}
