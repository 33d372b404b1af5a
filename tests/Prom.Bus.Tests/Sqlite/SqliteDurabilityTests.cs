using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Sqlite;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-sqlite-").FullName;

    [Fact]
    public async Task RecordsWatermarksAndAttempts_SurviveClosingAndReopeningTheFile()
    {
        string db = Path.Combine(_dir, "bus.db");
        string id;
        await using (var store = new SqliteBusStore(db))
        await using (var bus = new EventBus(store))
        {
            id = (await bus.PublishAsync(PublishRequest.FromJson("persist", "1"))).Id;
            await bus.PublishAsync(PublishRequest.FromJson("persist", "2"));
            // A 1 s lease: long enough that a loaded CI machine cannot expire it before the file closes (the record
            // must still be leased, attempt 1, at that moment), short enough that the reopened bus redelivers it soon.
            await using Subscription sub = await bus.SubscribeAsync("persist", "g", new SubscriptionOptions { AckTimeout = TimeSpan.FromSeconds(1) });
            await (await sub.ReceiveWithin()).AckAsync();
            Delivery second = await sub.ReceiveWithin();
            Assert.Equal(1, second.Attempt); // never acked: leased when the file closes
        }

        Assert.True(File.Exists(db + "-wal") || new FileInfo(db).Length > 0);
        await using (var store = new SqliteBusStore(db))
        await using (var bus = new EventBus(store))
        {
            Assert.Equal(id, (await store.FindByIdAsync(id))!.Id);
            Assert.Equal(1, (await bus.GetGroupStateAsync("persist", "g")).Single().Watermark);
            await using Subscription sub = await bus.SubscribeAsync("persist", "g", new SubscriptionOptions { From = StartPosition.Latest });
            Delivery again = await sub.ReceiveWithin(10_000);
            Assert.Equal(2, again.Record.Offset);
            Assert.Equal(2, again.Attempt);
        }
    }

    [Theory]
    [InlineData(SqliteDurability.Full, SqliteDurability.Normal)] // the default: the store fsyncs the WAL after log commits
    [InlineData(SqliteDurability.Full, SqliteDurability.Full)] // delivery-state rounds are fsynced too
    [InlineData(SqliteDurability.Normal, SqliteDurability.Normal)] // no fsync by the store at all
    public async Task AcksThatReturned_AreCommitted_AnotherConnectionOnTheFileSeesThemAtOnce(SqliteDurability log, SqliteDurability state)
    {
        string db = Path.Combine(_dir, $"acks-{log}-{state}.db");
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, Durability = log, DeliveryStateDurability = state });
        await using var bus = new EventBus(store);
        await bus.PublishBatchAsync([PublishRequest.FromJson("acked", "1"), PublishRequest.FromJson("acked", "2"), PublishRequest.FromJson("acked", "3")]);
        await using Subscription sub = await bus.SubscribeAsync("acked", "g", new SubscriptionOptions { MaxInFlight = 3 });
        var deliveries = await sub.ReceiveMany(3);

        // Acked concurrently, so they are settled in one batched transaction; each returns only after its commit.
        await Task.WhenAll(deliveries.Select(d => d.AckAsync().AsTask()));

        await using var other = new SqliteBusStore(db); // a second connection: sees only committed data
        Assert.Equal(3, (await other.GetGroupStateAsync("acked", "g")).Single().Watermark);
    }

    [Fact]
    public async Task TheFileIsInWalModeWithTheChosenSynchronousLevel()
    {
        string db = Path.Combine(_dir, "wal.db");
        await using (var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, Durability = SqliteDurability.Full }))
        {
            await store.EnsureTopicAsync(new TopicConfig("t"));
        }

        using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        check.Open();
        using var cmd = check.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
