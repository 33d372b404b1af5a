using System;
using Prom.Bus.Sqlite;

namespace Prom.Bus.Server;

/// <summary>The <c>Store</c> section of the server's configuration.</summary>
public sealed class BusServerSettings
{
    /// <summary>SQLite file of the store (created with its folder when missing). Default <c>data/prom-bus.db</c>.</summary>
    public string Path { get; set; } = "data/prom-bus.db";

    /// <summary>Durability of publishes. Default <see cref="SqliteDurability.Full"/> (survives power loss).</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Durability of acks, claims and leases. Default <see cref="SqliteDurability.Normal"/>.</summary>
    public SqliteDurability DeliveryStateDurability { get; set; } = SqliteDurability.Normal;

    /// <summary>
    /// How long acks may stay applied but uncommitted (<see cref="SqliteBusStoreOptions.AckCommitDelay"/>). Default zero:
    /// an ACK's OK means the ack is committed. For example <c>00:00:00.005</c>: an OK means applied, and a crash of the
    /// server redelivers the records of the last 5 ms of acks.
    /// </summary>
    public TimeSpan AckCommitDelay { get; set; } = TimeSpan.Zero;
}
