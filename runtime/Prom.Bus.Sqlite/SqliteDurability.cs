namespace Prom.Bus.Sqlite;

/// <summary>SQLite <c>PRAGMA synchronous</c> levels offered by the store (always with <c>journal_mode=WAL</c>).</summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous=FULL</c>: every commit is fsynced; durable against power loss.</summary>
    Full,

    /// <summary><c>synchronous=NORMAL</c>: durable against process crashes; the last commits may be lost on power loss.</summary>
    Normal,
}
