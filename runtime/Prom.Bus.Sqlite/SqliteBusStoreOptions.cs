using System;

namespace Prom.Bus.Sqlite;

/// <summary>Settings of <see cref="SqliteBusStore"/>.</summary>
public sealed class SqliteBusStoreOptions
{
    /// <summary>Path of the database file (created when missing).</summary>
    public string Path { get; set; } = "prom-bus.db";

    /// <summary>
    /// Durability of the log in WAL mode. <see cref="SqliteDurability.Full"/> (default) fsyncs the WAL after every log
    /// commit before the caller returns (the store does the fsync itself, outside the write lock, grouped across
    /// concurrent commits): a publish that returned survives process kills, OS crashes and power loss.
    /// <see cref="SqliteDurability.Normal"/> fsyncs only at checkpoints: it survives process kills (the committed WAL
    /// pages are in the OS) but the last commits may be lost on power loss or an OS crash.
    /// </summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>
    /// synchronous level of delivery-state commits (claims, acks, nacks, lease changes, heartbeats, idempotency keys).
    /// Default <see cref="SqliteDurability.Normal"/>: durable against process kills; on power loss or an OS crash the
    /// last few of these commits may be lost, which only causes redeliveries (at-least-once holds) and can undercount
    /// attempts by the lost claims. Set <see cref="SqliteDurability.Full"/> to fsync them too (one fsync per
    /// delivery-state round, shared by the acks and claims in it). Ignored when <see cref="Durability"/> is Normal.
    /// </summary>
    public SqliteDurability DeliveryStateDurability { get; set; } = SqliteDurability.Normal;

    /// <summary>
    /// How long acks may wait, applied but not yet committed. Default <see cref="TimeSpan.Zero"/>: every ack returns only
    /// once committed (another connection on the file sees it at once, and it survives a crash of this process). Above
    /// zero, a delivery-state round made only of acks applies them in a transaction it leaves open and returns: this
    /// store's claims, reads and watermarks see them at once, and they are committed together with this store's next
    /// other write, or after at most this delay. Rounds of acks then share one commit instead of paying one each
    /// (11–28 % more records/s in the gateway benchmark, see docs/benchmarks.md). The price: a crash of the process
    /// forgets the acks of the last delay (their records are delivered again once their leases expire: at-least-once
    /// holds, an ack is then confirmed as applied, like JetStream's), other processes see them only after the commit,
    /// and their writes wait for the write lock (meant for a file one process owns, such as the ready server's). At
    /// most 1 s; needs <see cref="DeliveryStateDurability"/> Normal (an fsync per round is the opposite choice).
    /// </summary>
    public TimeSpan AckCommitDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a writer waits for another process's lock before failing. Default 10 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
