using System;

namespace Prom.Bus.Sqlite;

/// <summary>
/// The rows of one execution of a <see cref="SqliteStatement"/>, read in place (no reader object, no per-row
/// allocation but the values themselves). Dispose resets the statement, which ends its read of the file.
/// </summary>
internal readonly struct SqliteRows : IDisposable
{
    private readonly SqliteStatement _statement;

    public SqliteRows(SqliteStatement statement)
    {
        _statement = statement;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read() => _statement.Step();

    public bool IsDBNull(int column) => _statement.IsNull(column);

    public long GetInt64(int column) => _statement.GetInt64(column);

    public int GetInt32(int column) => checked((int)_statement.GetInt64(column));

    public string GetString(int column) => _statement.GetString(column);

    public byte[] GetBlob(int column) => _statement.GetBlob(column);

    public void Dispose() => _statement.Reset();
}
