namespace Prom.Bus.Sqlite;

/// <summary>Durability levels offered by the store (always with <c>journal_mode=WAL</c>).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// Every commit is fsynced before its caller returns; durable against power loss. The store runs
    /// <c>synchronous=NORMAL</c> and fsyncs the WAL itself after the commit, outside SQLite's write lock.
    /// </summary>
    Full,

    /// <summary><c>synchronous=NORMAL</c> without extra fsyncs: durable against process crashes; the last commits may be lost on power loss.</summary>
    Normal,
}
