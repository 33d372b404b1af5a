using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Prom.Bus.Outbox;
using Prom.Bus.Postgres;
using Prom.Testing.Postgres;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Postgres;

/// <summary>What only the PostgreSQL store has: several stores (as several hosts) on one schema, LISTEN/NOTIFY, migrations, the outbox.</summary>
public sealed class PostgresStoreTests : IAsyncLifetime
{
    private readonly string _schema = PostgresTestDatabase.NewSchema();
    private readonly List<IAsyncDisposable> _owned = [];

    private static BusOptions Fast(TimeSpan? notifiedPoll = null) => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        NotifiedPollInterval = notifiedPoll ?? TimeSpan.FromMilliseconds(200),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        MemberTtl = TimeSpan.FromSeconds(2),
    };

    private PostgresBusStoreOptions Options() => new()
    {
        ConnectionString = PostgresTestDatabase.ConnectionString,
        Schema = _schema,
        MaxPoolSize = 10,
    };

    /// <summary>A store as another host would open it: its own data source, pool and listener.</summary>
    private async Task<PostgresBusStore> OpenHost()
    {
        PostgresBusStore store = await PostgresBusStore.OpenAsync(Options());
        _owned.Add(store);
        return store;
    }

    private EventBus Bus(IBusStore store, BusOptions? options = null)
    {
        var bus = new EventBus(store, options ?? Fast());
        _owned.Insert(0, bus); // buses are disposed before their stores
        return bus;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable d in _owned)
        {
            await d.DisposeAsync();
        }

        await PostgresTestDatabase.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task PublishInOneHost_WakesASubscriptionInAnother_ByNotification_NotByPolling()
    {
        EventBus a = Bus(await OpenHost());
        // An hour between fallback polls: a delivery within the test's seconds can only come from LISTEN/NOTIFY.
        EventBus b = Bus(await OpenHost(), Fast(notifiedPoll: TimeSpan.FromHours(1)));
        await a.CreateTopicAsync(new TopicConfig("wake"));
        await using Subscription sub = await b.SubscribeAsync("wake", "g", new SubscriptionOptions { From = StartPosition.Latest });
        Task<Delivery> receive = sub.ReceiveWithin(10_000);
        await Task.Delay(200); // let the receive loop reach its wait
        EventRecord published = await a.PublishAsync(PublishRequest.FromValue("wake", 1));
        Delivery d = await receive;
        Assert.Equal(published.Id, d.Record.Id);
    }

    [Fact]
    public async Task ConcurrentPublishersInTwoHosts_GetGapFreeUniqueOffsets()
    {
        PostgresBusStore[] hosts = [await OpenHost(), await OpenHost()];
        await hosts[0].EnsureTopicAsync(new TopicConfig("dense", Partitions: 2));
        var empty = new Dictionary<string, string>();
        Task<IReadOnlyList<EventRecord>>[] writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<EventRecord>();
            for (int i = 0; i < 25; i++)
            {
                PendingRecord P(int part) => new(UuidV7.NewId(), 1, "dense", null, part, empty, "1"u8.ToArray(), null, [], []);
                mine.AddRange(await hosts[w % 2].AppendAsync([P(0), P(1), P(0)]));
            }

            return (IReadOnlyList<EventRecord>)mine;
        })).ToArray();
        EventRecord[] all = (await Task.WhenAll(writers)).SelectMany(x => x).ToArray();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all.Where(r => r.Partition == 0).Select(r => r.Offset).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Where(r => r.Partition == 1).Select(r => r.Offset).Order());
    }

    [Fact]
    public async Task TwoEventBusHostsWithOneGroup_SplitTheWork_NoRecordIsHeldByBothAtOnce()
    {
        EventBus[] hosts = [Bus(await OpenHost()), Bus(await OpenHost())];
        await hosts[0].CreateTopicAsync(new TopicConfig("split", Partitions: 4));
        const int total = 400;
        var holders = new ConcurrentDictionary<string, int>();
        var handledBy = new ConcurrentDictionary<string, int>();
        int overlaps = 0;
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task Consume(EventBus bus, int host)
        {
            await using Subscription sub = await bus.SubscribeAsync("split", "workers", new SubscriptionOptions { From = StartPosition.Earliest, MaxInFlight = 8 });
            while (handledBy.Count < total && !done.IsCancellationRequested)
            {
                Delivery d;
                try
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                    idle.CancelAfter(500);
                    d = await sub.ReceiveAsync(idle.Token);
                }
                catch (OperationCanceledException)
                {
                    continue;
                }

                if (!holders.TryAdd(d.Record.Id, host))
                {
                    Interlocked.Increment(ref overlaps); // the other host holds a live lease on it right now
                }

                await Task.Yield();
                holders.TryRemove(d.Record.Id, out _);
                handledBy.TryAdd(d.Record.Id, host);
                await d.AckAsync();
            }
        }

        Task[] consumers = [Consume(hosts[0], 0), Consume(hosts[1], 1)];
        for (int i = 0; i < total; i += 20)
        {
            await hosts[i / 20 % 2].PublishBatchAsync(Enumerable.Range(i, 20).Select(n => PublishRequest.FromValue("split", n)).ToArray());
        }

        await Task.WhenAll(consumers);
        Assert.Equal(0, overlaps);
        Assert.Equal(total, handledBy.Count);
        Assert.True(handledBy.Values.Count(h => h == 0) > 0 && handledBy.Values.Count(h => h == 1) > 0,
            $"one host did all the work: {handledBy.Values.Count(h => h == 0)} / {handledBy.Values.Count(h => h == 1)}");
        Assert.All(await hosts[0].GetGroupStateAsync("split", "workers"), s => Assert.Equal(s.Head, s.Watermark));
    }

    [Fact]
    public async Task Migrations_RecordTheVersion_ReopenIsANoOp_AndANewerSchemaIsAClearError()
    {
        await using (await PostgresBusStore.OpenAsync(Options()))
        {
        }

        await using (await PostgresBusStore.OpenAsync(Options()))
        {
        }

        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using (var versions = new NpgsqlCommand($"SELECT array_agg(version ORDER BY version) FROM {_schema}.schema_version", conn))
        {
            Assert.Equal(Enumerable.Range(1, PostgresBusStore.SchemaVersion).ToArray(), (int[])(await versions.ExecuteScalarAsync())!);
        }

        // A newer binary migrated the database: this (older) binary must refuse it, naming both versions.
        await using (var newer = new NpgsqlCommand($"INSERT INTO {_schema}.schema_version(version, applied_by) VALUES({PostgresBusStore.SchemaVersion + 1}, 'a newer Prom.Bus')", conn))
        {
            await newer.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<BusException>(() => PostgresBusStore.OpenAsync(Options()));
        Assert.Equal(BusErrorCode.SchemaTooNew, ex.Code);
        Assert.Contains($"version {PostgresBusStore.SchemaVersion + 1}", ex.Message);
        Assert.Contains($"version {PostgresBusStore.SchemaVersion} ", ex.Message);
    }

    [Fact]
    public async Task Outbox_BusinessRowAndOutboxRowCommitTogether_RollbackPublishesNothing_AndTheOutboxIdBecomesTheEventId()
    {
        PostgresBusStore store = await OpenHost(); // creates the schema with its outbox table
        EventBus bus = Bus(store);
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {_schema}.orders(id int PRIMARY KEY, total numeric)", conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        string committedId;
        await using (NpgsqlTransaction tx = await conn.BeginTransactionAsync())
        {
            await using (var order = new NpgsqlCommand($"INSERT INTO {_schema}.orders VALUES(1, 9.5)", conn, tx))
            {
                await order.ExecuteNonQueryAsync();
            }

            committedId = await PostgresOutbox.EnqueueAsync(tx, PublishRequest.FromJson("orders.created", """{"id":1}""") with { Key = "order-1" }, _schema);
            await tx.CommitAsync();
        }

        await using (NpgsqlTransaction tx = await conn.BeginTransactionAsync())
        {
            await PostgresOutbox.EnqueueAsync(tx, PublishRequest.FromJson("orders.created", """{"id":2}"""), _schema);
            await tx.RollbackAsync();
        }

        await using var outbox = new PostgresOutbox(PostgresTestDatabase.ConnectionString, _schema);
        var drainer = new OutboxDrainer(bus, outbox);
        Assert.Equal(1, await drainer.DrainOnceAsync());
        Assert.Equal(0, await drainer.DrainOnceAsync());
        EventRecord only = Assert.Single(await store.ReadAsync("orders.created", 0, 1, 10));
        Assert.Equal(committedId, only.Id);
        Assert.Equal("order-1", only.Key);
    }

    [Fact]
    public async Task UsePostgres_RegistersTheStoreForTheBus()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPromBus(o => o.PollInterval = TimeSpan.FromMilliseconds(20)).UsePostgres(PostgresTestDatabase.ConnectionString, o => o.Schema = _schema);
        await using ServiceProvider sp = services.BuildServiceProvider();
        var bus = sp.GetRequiredService<EventBus>();
        Assert.IsType<PostgresBusStore>(bus.Store);
        EventRecord r = await bus.PublishAsync(PublishRequest.FromValue("di.check", 42));
        Assert.Equal(1, r.Offset);
        Assert.Equal(r.Id, (await bus.Store.FindByIdAsync(r.Id))!.Id);
    }

    [Theory]
    [InlineData(PostgresDurability.Normal, "off")]
    [InlineData(PostgresDurability.Full, "on")]
    public async Task DeliveryStateDurability_SetsSynchronousCommitOfDeliveryStateOnly_AndAClaimAckRoundWorks(PostgresDurability durability, string expected)
    {
        PostgresBusStoreOptions options = Options();
        options.DeliveryStateDurability = durability;
        PostgresBusStore store = await PostgresBusStore.OpenAsync(options);
        _owned.Add(store);
        await using (NpgsqlConnection conn = await store.OpenDeliveryConnectionAsync())
        {
            await using var show = new NpgsqlCommand("SHOW synchronous_commit", conn);
            Assert.Equal(expected, (string?)await show.ExecuteScalarAsync());
        }

        // Publishes never use the delivery-state setting: an ordinary session of the same connection string is durable.
        await using (var plain = new NpgsqlConnection(options.ConnectionString))
        {
            await plain.OpenAsync();
            await using var show = new NpgsqlCommand("SHOW synchronous_commit", plain);
            Assert.Equal("on", (string?)await show.ExecuteScalarAsync());
        }

        EventBus bus = Bus(store);
        await bus.CreateTopicAsync(new TopicConfig("durability", Partitions: 2));
        await using Subscription sub = await bus.SubscribeAsync("durability", "g", new SubscriptionOptions { From = StartPosition.Earliest });
        EventRecord published = await bus.PublishAsync(PublishRequest.FromValue("durability", 7));
        Delivery d = await sub.ReceiveWithin(10_000);
        Assert.Equal(published.Id, d.Record.Id);
        Assert.Equal(SettleOutcome.Settled, await d.AckAsync());
        IReadOnlyList<GroupPartitionState> state = await bus.GetGroupStateAsync("durability", "g");
        Assert.All(state, s => Assert.Equal(s.Head, s.Watermark));
    }

    [Fact]
    public async Task Notifications_CarryTheRecordCountOfTheCommit_ToEveryHost()
    {
        PostgresBusStore a = await OpenHost();
        PostgresBusStore b = await OpenHost();
        var seenByA = new ConcurrentQueue<(string Topic, int Records)>();
        var fromB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Appended += (topic, records) =>
        {
            seenByA.Enqueue((topic, records));
            if (topic == "note.b")
            {
                fromB.TrySetResult();
            }
        };
        await a.EnsureTopicAsync(new TopicConfig("note.a", 2));
        await b.EnsureTopicAsync(new TopicConfig("note.b", 2));
        await a.AppendAsync([Pending("note.a", 0), Pending("note.a", 1), Pending("note.a", 0)]);
        await b.AppendAsync([Pending("note.b", 1), Pending("note.b", 1)]);

        // One notification per topic and commit, with its count, in commit order (A's own comes back to A too).
        await fromB.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([("note.a", 3), ("note.b", 2)], seenByA.ToArray());

        // A bare topic (the payload of an earlier version) wakes every idle member.
        a.OnNotification("note.c");
        Assert.Equal(("note.c", int.MaxValue), seenByA.ToArray()[^1]);
    }

    private static PendingRecord Pending(string topic, int partition) =>
        new(Guid.CreateVersion7().ToString(), 1, topic, null, partition, new Dictionary<string, string>(), new byte[] { 1 }, null, [], []);

    [Theory]
    [InlineData("Host=x", true)]
    [InlineData("Host=x;No Reset On Close=false", false)]
    [InlineData("Host=x;NoResetOnClose=false", false)]
    public void DeliveryStatePool_SkipsTheSessionResetOnReturn_UnlessTheConnectionStringSaysOtherwise(string connectionString, bool expected)
    {
        var delivery = new NpgsqlConnectionStringBuilder(
            PostgresBusStore.DeliveryConnectionString(new NpgsqlConnectionStringBuilder(connectionString), PostgresDurability.Normal));
        Assert.Equal(expected, delivery.NoResetOnClose);
        Assert.Equal("-c synchronous_commit=off -c enable_seqscan=off -c plan_cache_mode=force_generic_plan", delivery.Options);
    }

    [Fact]
    public void UndefinedDeliveryStateDurability_IsRejected()
    {
        var options = new PostgresBusStoreOptions { ConnectionString = "Host=x", DeliveryStateDurability = (PostgresDurability)7 };
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public void BadSchemaName_IsRejectedBeforeConnecting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgresBusStoreOptions { ConnectionString = "Host=x", Schema = "bus; DROP TABLE x" }.Validate());
        Assert.Contains("bus; DROP TABLE x", ex.Message);
    }
}
