using System.Runtime.InteropServices;

namespace Prom.Bus.Sqlite;

/// <summary>
/// The few SQLite C functions of the store's per-row and per-statement loop, called directly with the statement's raw
/// pointer. SQLitePCL wraps every handle in a <see cref="SafeHandle"/>, so each of its calls adds and releases a
/// reference (about 2 % of the gateway's CPU with a dozen calls per record). The library is the one SQLitePCL's
/// bundle loads (<c>e_sqlite3</c>, resolved through the same deps.json entry, so one copy of SQLite in the process);
/// statements are still prepared and finalized through SQLitePCL, which owns their lifetime
/// (<see cref="SqliteStatement"/> keeps the handle alive while it uses the pointer).
/// <para><c>SuppressGCTransition</c> only on calls that neither block nor do I/O (binding, reading a column,
/// counters); <c>sqlite3_step</c> and <c>sqlite3_reset</c> may read or write the file and keep the normal transition.</para>
/// </summary>
internal static unsafe partial class SqliteNative
{
    /// <summary>The library SQLitePCL's bundle loads; <see cref="SqliteSession"/> checks that the process uses it.</summary>
    public const string Library = "e_sqlite3";

    /// <summary><c>SQLITE_TRANSIENT</c>: SQLite copies a bound text or blob before the call returns.</summary>
    public static readonly nint Transient = -1;

    [LibraryImport(Library)]
    public static partial int sqlite3_step(nint stmt);

    [LibraryImport(Library)]
    public static partial int sqlite3_reset(nint stmt);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_clear_bindings(nint stmt);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_null(nint stmt, int index);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_int64(nint stmt, int index, long value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_double(nint stmt, int index, double value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_text(nint stmt, int index, byte* text, int bytes, nint destructor);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_blob(nint stmt, int index, byte* data, int bytes, nint destructor);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_type(nint stmt, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial long sqlite3_column_int64(nint stmt, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial double sqlite3_column_double(nint stmt, int column);

    /// <summary>The value's bytes (TEXT as UTF-8); call before <see cref="sqlite3_column_bytes"/>, as SQLite documents.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial byte* sqlite3_column_blob(nint stmt, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_bytes(nint stmt, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_changes(nint db);
}
