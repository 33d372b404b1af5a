using System.IO;
using System.Threading.Tasks;
using Prom.Bus.Sqlite;
using Prom.Bus.Stores;

namespace Prom.Bus.Tests.Conformance;

/// <summary>The conformance suite on <see cref="SqliteBusStore"/> with a real file in WAL mode.</summary>
public class SqliteConformanceTests : BusConformanceTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-conf-").FullName;

    /// <summary>The store's options on <paramref name="path"/>; a derived suite runs everything again with other settings.</summary>
    protected virtual SqliteBusStoreOptions StoreOptions(string path) => new() { Path = path };

    protected override IBusStore CreateStore() => new SqliteBusStore(StoreOptions(Path.Combine(_dir, "bus.db")));

    protected override Task CleanupAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
