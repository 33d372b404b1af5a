namespace Prom.Bus.Postgres;

/// <summary>
/// How delivery-state commits of <see cref="PostgresBusStore"/> wait for the WAL flush
/// (<see cref="PostgresBusStoreOptions.DeliveryStateDurability"/>; the same two levels as SQLite's <c>SqliteDurability</c>).
/// </summary>
public enum PostgresDurability
{
    /// <summary>
    /// Commits run with the server's <c>synchronous_commit</c> (with the default <c>on</c> they return after the WAL
    /// flush): durable against a server crash or power loss.
    /// </summary>
    Full,

    /// <summary>
    /// Commits run with <c>synchronous_commit=off</c>: they return before the WAL flush (the WAL writer flushes within
    /// about three <c>wal_writer_delay</c>, 600 ms by default). A server crash can forget the last of them, which only
    /// leads to redelivery, never to a lost record.
    /// </summary>
    Normal,
}
