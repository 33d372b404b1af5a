using System;
using System.Text.RegularExpressions;

namespace Prom.Bus.Postgres;

/// <summary>Settings of <see cref="PostgresBusStore"/>.</summary>
public sealed partial class PostgresBusStoreOptions
{
    /// <summary>
    /// Npgsql connection string (for example <c>Host=db;Database=app;Username=bus;Password=…</c>). Pool settings
    /// (<c>Maximum Pool Size</c>, default 100 in Npgsql) apply; the store adds <c>Max Auto Prepare</c> when the string does
    /// not set it, so its statements are prepared on every pooled connection.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>PostgreSQL schema holding the bus tables (created when missing). Default <c>prom_bus</c>. Lower-case letters, digits and '_'.</summary>
    public string Schema { get; set; } = "prom_bus";

    /// <summary>Most pooled connections the store opens (Npgsql <c>Maximum Pool Size</c>); null keeps the connection string's value.</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>
    /// Whether to listen for appends of other processes (<c>LISTEN</c> on one dedicated connection) and wake
    /// subscriptions at once. Default true. Without it subscriptions find records of other processes by polling.
    /// </summary>
    public bool Listen { get; set; } = true;

    /// <summary>
    /// Durability of delivery-state commits: claims, acks, nacks, lease extensions and releases. Default
    /// <see cref="PostgresDurability.Normal"/> (<c>synchronous_commit=off</c> for these transactions only, as SQLite's
    /// <c>DeliveryStateDurability.Normal</c>): they return before the WAL flush, and after a server crash the last few
    /// hundred milliseconds of them may be lost. That only ever moves a record towards redelivery (a lost ack leaves it
    /// unsettled, a lost claim leaves it claimable, a lost nack or lease extension leaves the earlier lease to expire),
    /// and can undercount attempts by the lost claims; a confirmed publish is never lost, because publishes (and a
    /// dead-letter entry written by a claim or nack) always commit with the server's <c>synchronous_commit</c>.
    /// <see cref="PostgresDurability.Full"/> makes every delivery-state commit wait for the WAL flush too.
    /// </summary>
    public PostgresDurability DeliveryStateDurability { get; set; } = PostgresDurability.Normal;

    /// <summary>Whether to create or migrate the schema at start. Default true; false only checks that the schema is at this binary's version.</summary>
    public bool ApplyMigrations { get; set; } = true;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaRegex();

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">The connection string is empty or the schema name is not a plain identifier.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresBusStoreOptions.ConnectionString is empty.", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaRegex().IsMatch(Schema))
        {
            throw new ArgumentException($"Invalid schema name '{Schema}': use 1-63 characters of [a-z0-9_], not starting with a digit.", nameof(Schema));
        }

        if (!Enum.IsDefined(DeliveryStateDurability))
        {
            throw new ArgumentOutOfRangeException(nameof(DeliveryStateDurability), DeliveryStateDurability, "Must be Full or Normal.");
        }

        if (MaxPoolSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPoolSize), MaxPoolSize, "Must be at least 2 (the listener holds one connection).");
        }
    }
}
