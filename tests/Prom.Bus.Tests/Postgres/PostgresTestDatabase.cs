using System;
using System.Threading;
using Npgsql;

namespace Prom.Bus.Tests.Postgres;

/// <summary>
/// The PostgreSQL database of this test run: created once per test process (a fresh name each run) with the role that
/// scripts/deps.d/20-postgres.sh creates, dropped when the process exits. Tests get their own schema in it. When the
/// server cannot be reached the tests FAIL with the reason: they never skip.
/// <para>Override the server with PROM_TEST_PG (an Npgsql connection string without Database).</para>
/// </summary>
internal static class PostgresTestDatabase
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=prom_test;Password=prom_test;Timeout=10";

    private static readonly Lazy<string> s_database = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_schemas;

    /// <summary>Connection string of the run's database.</summary>
    public static string ConnectionString => s_database.Value;

    /// <summary>A schema name not used before in this run.</summary>
    public static string NewSchema() => $"t{Environment.ProcessId}_{Interlocked.Increment(ref s_schemas)}";

    private static string Server => Environment.GetEnvironmentVariable("PROM_TEST_PG") is { Length: > 0 } s ? s : DefaultServer;

    private static string Create()
    {
        string name = $"prom_bus_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        try
        {
            using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
            admin.Open();
            using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
            {
                create.ExecuteNonQuery();
            }
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

    private static void Drop(string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
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
