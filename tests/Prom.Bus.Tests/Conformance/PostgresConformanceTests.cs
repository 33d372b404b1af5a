using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Postgres;
using Prom.Bus.Stores;
using Prom.Testing.Postgres;

namespace Prom.Bus.Tests.Conformance;

/// <summary>The conformance suite on <see cref="PostgresBusStore"/> against the real server, one schema per test.</summary>
public sealed class PostgresConformanceTests : BusConformanceTests
{
    private readonly string _schema = PostgresTestDatabase.NewSchema();

    protected override IBusStore CreateStore() => PostgresBusStore.Open(new PostgresBusStoreOptions
    {
        ConnectionString = PostgresTestDatabase.ConnectionString,
        Schema = _schema,
        MaxPoolSize = 20,
    });

    protected override async Task CleanupAsync()
    {
        await PostgresTestDatabase.DropSchemaAsync(_schema);
    }
}
