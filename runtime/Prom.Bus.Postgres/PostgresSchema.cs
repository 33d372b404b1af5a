using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Prom.Bus.Postgres;

/// <summary>
/// The versioned schema. <see cref="Migrations"/>[i] takes a schema from version i to i + 1; <c>schema_version</c> holds
/// one row per applied version. At start the store takes a transaction-scoped advisory lock (so hosts starting together
/// migrate once), reads the highest applied version, refuses a schema newer than <see cref="Current"/> (an older binary
/// must not write a layout it does not know) and applies the missing migrations in the same transaction.
/// <para>A migration is append-only: never edit a released one, add the next. Column names avoid SQL keywords
/// (<c>part</c>, <c>offs</c>, <c>grp</c>); the tables mirror the MongoDB collections of docs/bus.md.</para>
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Version 1: the tables of the five store roles and the outbox.</summary>
    private const string V1 = """
        CREATE TABLE {0}.topics(
            name text PRIMARY KEY, partitions int NOT NULL, retention_ms bigint, compacted boolean NOT NULL);
        -- next_offs: the next offset of the partition. A publisher increments it with UPDATE … RETURNING inside its
        -- append transaction, so the row lock orders publishers of one partition and a rollback returns the offsets:
        -- offsets are gap-free (a sequence would leave gaps).
        CREATE TABLE {0}.partitions(
            topic text NOT NULL, part int NOT NULL, next_offs bigint NOT NULL, PRIMARY KEY(topic, part));
        CREATE TABLE {0}.events(
            topic text NOT NULL, part int NOT NULL, offs bigint NOT NULL, id uuid NOT NULL, ts bigint NOT NULL,
            key text, headers jsonb, payload bytea NOT NULL, sid text, caused_by text[], tags text[],
            PRIMARY KEY(topic, part, offs));
        CREATE UNIQUE INDEX events_id ON {0}.events(id);
        CREATE INDEX events_ts ON {0}.events(topic, part, ts);
        CREATE INDEX events_key ON {0}.events(topic, key) WHERE key IS NOT NULL;
        -- claimed: the highest offset the group ever leased in the partition; every existing record in
        -- (watermark, claimed] has a delivery row and none above it has one. The cursor row is also the lock that
        -- serializes claims, acks and nacks of one group on one partition.
        CREATE TABLE {0}.cursors(
            topic text NOT NULL, grp text NOT NULL, part int NOT NULL, watermark bigint NOT NULL, claimed bigint NOT NULL,
            PRIMARY KEY(topic, grp, part));
        CREATE TABLE {0}.deliveries(
            topic text NOT NULL, grp text NOT NULL, part int NOT NULL, offs bigint NOT NULL, attempts int NOT NULL,
            owner text, lease_until bigint NOT NULL, visible_at bigint NOT NULL, settled boolean NOT NULL, last_error text,
            PRIMARY KEY(topic, grp, part, offs));
        CREATE TABLE {0}.members(
            topic text NOT NULL, grp text NOT NULL, member text NOT NULL, ordered boolean NOT NULL, expires_at bigint NOT NULL,
            PRIMARY KEY(topic, grp, member));
        CREATE TABLE {0}.processed(key text PRIMARY KEY, expires_at bigint NOT NULL);
        CREATE TABLE {0}.outbox(
            id uuid PRIMARY KEY, created_ts bigint NOT NULL, topic text NOT NULL, key text, part int, headers jsonb,
            payload bytea NOT NULL, sid text, caused_by text[], tags text[], published_ts bigint);
        CREATE INDEX outbox_pending ON {0}.outbox(created_ts, id) WHERE published_ts IS NULL;
        """;

    /// <summary>The migrations, in order; the schema version is the number applied.</summary>
    private static readonly string[] Migrations = [V1];

    /// <summary>The schema version this binary reads and writes.</summary>
    public static int Current => Migrations.Length;

    /// <summary>
    /// Creates the schema when missing and applies pending migrations (or, with <paramref name="apply"/> false, only
    /// checks the version). Throws <see cref="BusErrorCode.SchemaTooNew"/> when the database is ahead of this binary.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, bool apply, CancellationToken ct)
    {
        await using NpgsqlConnection conn = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);

        // One migrator at a time across every host of the database; released at commit.
        await ExecAsync(conn, tx, $"SELECT pg_advisory_xact_lock(hashtext('prom_bus.migrate.' || '{schema}'))", ct).ConfigureAwait(false);
        if (apply)
        {
            await ExecAsync(conn, tx, $"""
                CREATE SCHEMA IF NOT EXISTS {schema};
                CREATE TABLE IF NOT EXISTS {schema}.schema_version(
                    version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL);
                """, ct).ConfigureAwait(false);
        }

        int found = await ReadVersionAsync(conn, tx, schema, ct).ConfigureAwait(false);
        if (found > Current)
        {
            throw new BusException(BusErrorCode.SchemaTooNew,
                $"PostgreSQL schema '{schema}' is at bus schema version {found}, newer than version {Current} that this Prom.Bus " +
                $"({typeof(PostgresSchema).Assembly.GetName().Version}) understands. Upgrade this host; an older binary must not write a newer schema.");
        }

        if (found < Current && !apply)
        {
            throw new BusException(BusErrorCode.SchemaTooNew,
                $"PostgreSQL schema '{schema}' is at bus schema version {found}, this Prom.Bus needs {Current}; start one host with ApplyMigrations = true.");
        }

        for (int v = found; v < Current; v++)
        {
            await ExecAsync(conn, tx, string.Format(System.Globalization.CultureInfo.InvariantCulture, Migrations[v], schema), ct).ConfigureAwait(false);
            await using var mark = new NpgsqlCommand($"INSERT INTO {schema}.schema_version(version, applied_by) VALUES($1, $2)", conn, tx);
            mark.Parameters.Add(new NpgsqlParameter<int> { TypedValue = v + 1 });
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"Prom.Bus.Postgres {typeof(PostgresSchema).Assembly.GetName().Version}" });
            await mark.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn, tx);
        exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema + ".schema_version" });
        if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
        {
            return 0;
        }

        await using var read = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {schema}.schema_version", conn, tx);
        return Convert.ToInt32(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
