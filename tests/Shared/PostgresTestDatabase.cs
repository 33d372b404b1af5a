using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Prom.Testing.Postgres;

/// <summary>
/// Databases on the local PostgreSQL for tests and benchmarks, created by the process that uses them (a fresh name
/// each time) with the role that scripts/deps.d/20-postgres.sh creates, and dropped when the process exits. When the
/// server cannot be reached the caller FAILS with the reason: tests never skip.
/// <para>Compiled into each project that needs it (linked source, one file). Override the server with PROM_TEST_PG (an
/// Npgsql connection string without Database).</para>
/// </summary>
internal static class PostgresTestDatabase
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=prom_test;Password=prom_test;Timeout=10";

    private static readonly Lazy<string> s_database = new(() => Create("prom_bus_test"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_schemas;
    private static int s_databases;

    /// <summary>Connection string of this process's shared test database (tests get their own schema in it).</summary>
    public static string ConnectionString => s_database.Value;

    /// <summary>A schema name not used before in this run.</summary>
    public static string NewSchema() => $"t{Environment.ProcessId}_{Interlocked.Increment(ref s_schemas)}";

    /// <summary>
    /// Drops a test's schema. A backend of a process the test killed can still hold locks in it until PostgreSQL notices
    /// the dead socket, and DROP … CASCADE then fails as a deadlock victim: retried, bounded (ten tries over about 3 s).
    /// </summary>
    public static async Task DropSchemaAsync(string schema)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(ConnectionString);
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", conn);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable && attempt < 10)
            {
                await Task.Delay(300);
            }
        }
    }

    /// <summary>
    /// Creates a new, empty database named after <paramref name="prefix"/> (lower-case letters, digits, '_') and returns
    /// its connection string; it is dropped when this process exits.
    /// </summary>
    public static string Create(string prefix)
    {
        string name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}";
        try
        {
            using var admin = new NpgsqlConnection(Admin());
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with '{new NpgsqlConnectionStringBuilder(Server) { Password = "***" }}': {ex.Message}. " +
                "Run scripts/install-deps.sh (it installs postgresql, starts the cluster and creates the test role) or set PROM_TEST_PG.", ex);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(name);
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    private static string Server => Environment.GetEnvironmentVariable("PROM_TEST_PG") is { Length: > 0 } s ? s : DefaultServer;

    private static string Admin() => new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString;

    private static void Drop(string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(Admin());
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Best effort at exit: a leftover test database is harmless (its name is unique per run).
        }
    }
}
