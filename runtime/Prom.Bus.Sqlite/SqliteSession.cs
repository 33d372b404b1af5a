using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Prom.Bus.Sqlite;

/// <summary>
/// The store's single connection with a cache of prepared statements (one per SQL text), stepped through SQLitePCL's
/// raw API (<see cref="SqliteStatement"/>). Not thread-safe: the store serializes every use through its gate, which is
/// also SQLite's own model (one writer at a time).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private sqlite3_stmt? _beginImmediate;

    public SqliteSession(SqliteConnection connection)
    {
        // SqliteNative calls e_sqlite3 directly with pointers SQLitePCL handed out: both must be the same library.
        string library = raw.GetNativeLibraryName();
        if (!string.Equals(library, SqliteNative.Library, StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"The SQLite store needs SQLitePCL's '{SqliteNative.Library}' provider (SQLitePCLRaw.bundle_e_sqlite3); the process uses '{library}'.");
        }

        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared statement for <paramref name="sql"/> (one statement; prepared on first use).</summary>
    public SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out SqliteStatement? stmt))
        {
            stmt = new SqliteStatement(Connection.Handle!, sql);
            _statements[sql] = stmt;
        }

        return stmt;
    }

    /// <summary>Runs a query; dispose the rows before the next use of the same SQL.</summary>
    public SqliteRows Query(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Statement(sql).Query(args);

    /// <summary>
    /// Runs SQL that may hold several statements (the schema) through Microsoft.Data.Sqlite, outside the statement
    /// cache; not for the hot paths.
    /// </summary>
    public void ExecuteScript(string sql, SqliteTransaction transaction)
    {
        using SqliteCommand cmd = Connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Steps a once-prepared <c>BEGIN IMMEDIATE</c> and returns SQLite's result code (<c>SQLITE_OK</c> once the write lock
    /// is held; <c>SQLITE_BUSY</c> after the connection's busy_timeout). Raw, not a <see cref="SqliteCommand"/>:
    /// Microsoft.Data.Sqlite retries a busy command for its whole CommandTimeout without looking at a token; and prepared
    /// once, not <c>sqlite3_exec</c>, which parses the SQL again on every transaction of every publish, claim and ack.
    /// </summary>
    public int BeginImmediate()
    {
        if (_beginImmediate is null)
        {
            int prepared = raw.sqlite3_prepare_v2(Connection.Handle, "BEGIN IMMEDIATE;", out sqlite3_stmt stmt);
            if (prepared != raw.SQLITE_OK)
            {
                stmt.Dispose();
                return prepared;
            }

            _beginImmediate = stmt;
        }

        int rc = raw.sqlite3_step(_beginImmediate);
        raw.sqlite3_reset(_beginImmediate);
        return rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc;
    }

    /// <summary>Runs one statement to completion; returns the rows it changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Statement(sql).Execute(args);

    /// <summary>The first column of the first row, or null (no row, or SQL NULL).</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Statement(sql).Scalar(args);

    public void Dispose()
    {
        foreach (SqliteStatement s in _statements.Values)
        {
            s.Dispose();
        }

        _beginImmediate?.Dispose();

        Connection.Dispose();
    }
}
