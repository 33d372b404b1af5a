using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Prom.Bus.Sqlite;

/// <summary>
/// The store's single connection with a cache of prepared commands (one per SQL text). Not thread-safe: the store
/// serializes every use through its gate, which is also SQLite's own model (one writer at a time).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private sqlite3_stmt? _beginImmediate;

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The open transaction, assigned to every command handed out.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>A prepared command for <paramref name="sql"/> with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
        }

        cmd.Parameters.Clear();
        cmd.Transaction = Transaction;
        return cmd;
    }

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand cmd = Command(sql);
        foreach ((string name, object? value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
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

    public int Execute(string sql, params (string Name, object? Value)[] args) => Command(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        object? value = Command(sql, args).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public void Dispose()
    {
        foreach (SqliteCommand c in _commands.Values)
        {
            c.Dispose();
        }

        _beginImmediate?.Dispose();

        Connection.Dispose();
    }
}
