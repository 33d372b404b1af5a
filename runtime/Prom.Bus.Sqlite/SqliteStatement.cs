using System;
using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Prom.Bus.Sqlite;

/// <summary>
/// One SQL statement prepared once on the store's connection (through SQLitePCL, which owns its lifetime), then bound
/// by index, stepped and read through the raw pointer (<see cref="SqliteNative"/>). Replaces a cached
/// <see cref="SqliteCommand"/> on the store's paths: Microsoft.Data.Sqlite creates a parameter object per argument on
/// every execution, looks each index up by name (a UTF-8 conversion and a native call per parameter), converts every
/// string to a new UTF-8 array and allocates a data reader per command; together about 10 % of the gateway's CPU
/// (docs/benchmarks.md, gateway sessions 13 and 14). Here the parameter names are read once at prepare, strings are
/// encoded into a stack or pooled buffer, and rows are read in place (<see cref="SqliteRows"/>). Not thread-safe, like
/// the session that owns it; a statement is reset after every use and never used re-entrantly (<see cref="_inUse"/>).
/// </summary>
internal sealed unsafe class SqliteStatement : IDisposable
{
    /// <summary>Longest UTF-8 string encoded on the stack; longer ones use a pooled buffer.</summary>
    private const int StackUtf8 = 512;

    private readonly sqlite3 _db;

    /// <summary>Owns the statement (finalized on dispose) and keeps <see cref="_handle"/> valid while this object lives.</summary>
    private readonly sqlite3_stmt _stmt;

    /// <summary>The raw statement pointer for <see cref="SqliteNative"/>; valid until <see cref="Dispose"/>.</summary>
    private readonly nint _handle;

    /// <summary>The raw connection pointer (for <c>sqlite3_changes</c>); the session keeps the connection open.</summary>
    private readonly nint _dbHandle;

    /// <summary>Parameter names by index − 1 (SQLite numbers parameters from 1; a name used twice has one index).</summary>
    private readonly string[] _names;

    /// <summary>Whether the statement never writes (SELECT, PRAGMA reads, BEGIN/COMMIT): Execute then reports no changes.</summary>
    private readonly bool _readOnly;

    /// <summary>Set while the statement is bound or stepping; a second use before the reset would corrupt the first.</summary>
    private bool _inUse;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        int rc = raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt stmt, out string tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            stmt.Dispose();
            throw new ArgumentException($"One statement expected, but the SQL goes on after the first: '{tail}'.", nameof(sql));
        }

        _stmt = stmt;
        _handle = stmt.DangerousGetHandle();
        _dbHandle = db.DangerousGetHandle();
        _names = new string[raw.sqlite3_bind_parameter_count(stmt)];
        for (int i = 0; i < _names.Length; i++)
        {
            _names[i] = raw.sqlite3_bind_parameter_name(stmt, i + 1).utf8_to_string();
        }

        _readOnly = raw.sqlite3_stmt_readonly(stmt) != 0;
    }

    /// <summary>Binds every parameter; each one of the statement must be given exactly once.</summary>
    public void Bind(ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (_inUse)
        {
            throw new InvalidOperationException("The statement is still in use (a reader of the same SQL is open).");
        }

        if (args.Length != _names.Length)
        {
            throw new ArgumentException($"The statement has {_names.Length} parameters ({string.Join(", ", _names)}); {args.Length} given.", nameof(args));
        }

        _inUse = true;
        try
        {
            foreach ((string name, object? value) in args)
            {
                BindOne(IndexOf(name), value);
            }
        }
        catch
        {
            Reset();
            throw;
        }
    }

    /// <summary>Steps to completion and returns the rows changed (0 for a statement that cannot write).</summary>
    public int Execute(ReadOnlySpan<(string Name, object? Value)> args)
    {
        Bind(args);
        try
        {
            int rc;
            while ((rc = SqliteNative.sqlite3_step(_handle)) == raw.SQLITE_ROW)
            {
            }

            Check(rc, raw.SQLITE_DONE);
            return _readOnly ? 0 : SqliteNative.sqlite3_changes(_dbHandle);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The first column of the first row (long, double, string, byte[]), or null for no row or SQL NULL.</summary>
    public object? Scalar(ReadOnlySpan<(string Name, object? Value)> args)
    {
        Bind(args);
        try
        {
            int rc = SqliteNative.sqlite3_step(_handle);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            Check(rc, raw.SQLITE_ROW);
            return SqliteNative.sqlite3_column_type(_handle, 0) switch
            {
                raw.SQLITE_INTEGER => SqliteNative.sqlite3_column_int64(_handle, 0),
                raw.SQLITE_FLOAT => SqliteNative.sqlite3_column_double(_handle, 0),
                raw.SQLITE_TEXT => GetString(0),
                raw.SQLITE_BLOB => GetBlob(0),
                _ => null,
            };
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Binds and returns the reader of the rows; disposing it resets the statement.</summary>
    public SqliteRows Query(ReadOnlySpan<(string Name, object? Value)> args)
    {
        Bind(args);
        return new SqliteRows(this);
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    internal bool Step()
    {
        int rc = SqliteNative.sqlite3_step(_handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc, raw.SQLITE_DONE);
        return false;
    }

    internal bool IsNull(int column) => SqliteNative.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    internal long GetInt64(int column) => SqliteNative.sqlite3_column_int64(_handle, column);

    /// <summary>The text of a column; SQLite hands TEXT out as UTF-8 bytes through <c>sqlite3_column_blob</c> too.</summary>
    internal string GetString(int column) => Encoding.UTF8.GetString(Column(column));

    internal byte[] GetBlob(int column) => Column(column).ToArray();

    /// <summary>The column's bytes, valid until the next step or reset (blob first, then its length, as SQLite documents).</summary>
    private ReadOnlySpan<byte> Column(int column)
    {
        byte* data = SqliteNative.sqlite3_column_blob(_handle, column);
        return data is null ? default : new ReadOnlySpan<byte>(data, SqliteNative.sqlite3_column_bytes(_handle, column));
    }

    /// <summary>Ends the use: resets the statement (releasing its read of the file) and drops the bound values.</summary>
    internal void Reset()
    {
        SqliteNative.sqlite3_reset(_handle);
        SqliteNative.sqlite3_clear_bindings(_handle);
        _inUse = false;
    }

    public void Dispose() => _stmt.Dispose();

    private int IndexOf(string name)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            if (ReferenceEquals(_names[i], name) || string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"The statement has no parameter '{name}' (it has {string.Join(", ", _names)}).", nameof(name));
    }

    private void BindOne(int index, object? value)
    {
        int rc = value switch
        {
            null or DBNull => SqliteNative.sqlite3_bind_null(_handle, index),
            long l => SqliteNative.sqlite3_bind_int64(_handle, index, l),
            int i => SqliteNative.sqlite3_bind_int64(_handle, index, i),
            string s => BindText(index, s),
            byte[] b => BindBlob(index, b),
            double d => SqliteNative.sqlite3_bind_double(_handle, index, d),
            _ => throw new NotSupportedException($"No SQLite binding for a {value.GetType().Name} parameter."),
        };
        Check(rc, raw.SQLITE_OK);
    }

    private int BindText(int index, string s)
    {
        int max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max <= StackUtf8)
        {
            byte* buffer = stackalloc byte[StackUtf8];
            int n = Encoding.UTF8.GetBytes(s, new Span<byte>(buffer, StackUtf8));
            return SqliteNative.sqlite3_bind_text(_handle, index, buffer, n, SqliteNative.Transient); // SQLite copies the text
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int n = Encoding.UTF8.GetBytes(s, rented);
            fixed (byte* text = rented)
            {
                return SqliteNative.sqlite3_bind_text(_handle, index, text, n, SqliteNative.Transient);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Binds a BLOB (SQLite copies it). An empty array is bound through a non-null pointer: a null pointer would bind
    /// SQL NULL instead of an empty BLOB.
    /// </summary>
    private int BindBlob(int index, byte[] blob)
    {
        byte empty = 0;
        fixed (byte* data = blob)
        {
            return SqliteNative.sqlite3_bind_blob(_handle, index, blob.Length == 0 ? &empty : data, blob.Length, SqliteNative.Transient);
        }
    }

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
