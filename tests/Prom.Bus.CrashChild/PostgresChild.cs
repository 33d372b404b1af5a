using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Postgres;

namespace Prom.Bus.CrashChild;

/// <summary>
/// Child processes of the PostgreSQL multi-process test (tests/Prom.Bus.Tests/Postgres/MultiProcessKillTests.cs).
/// <c>pg-publish &lt;connection&gt; &lt;schema&gt;</c> publishes batches forever and prints <c>P &lt;id&gt;</c> for every
/// record once its batch returned (confirmed durable). <c>pg-consume &lt;connection&gt; &lt;schema&gt;</c> is a member of
/// the competing group <see cref="CompetingGroup"/> and the ordered group <see cref="OrderedGroup"/>; before it acks a
/// record it commits a row (group, id) to <c>&lt;schema&gt;.handled</c>, so the test can check from the database alone, at
/// any moment, that no watermark passed a record no member handled. Both print <c>READY</c> once running.
/// </summary>
public static class PostgresChild
{
    public const string Topic = "mp.work";
    public const string CompetingGroup = "work";
    public const string OrderedGroup = "ordered";

    internal static async Task<int> RunAsync(string mode, string connectionString, string schema)
    {
        await using PostgresBusStore store = await PostgresBusStore.OpenAsync(new PostgresBusStoreOptions
        {
            ConnectionString = connectionString,
            Schema = schema,
            MaxPoolSize = 8,
        });
        await using var bus = new EventBus(store, new BusOptions
        {
            NotifiedPollInterval = TimeSpan.FromMilliseconds(200),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            MemberTtl = TimeSpan.FromSeconds(1), // a killed member's ordered partitions move within about a second
        });

        if (mode == "pg-publish")
        {
            Console.Out.WriteLine("READY");
            for (long n = 0; ; n++)
            {
                var batch = new PublishRequest[4];
                for (int i = 0; i < batch.Length; i++)
                {
                    batch[i] = PublishRequest.FromValue(Topic, n * 4 + i) with { Key = "k" + ((n * 4 + i) % 11) };
                }

                foreach (EventRecord r in await bus.PublishBatchAsync(batch))
                {
                    Console.Out.WriteLine("P " + r.Id);
                }

                await Task.Delay(5);
            }
        }

        await using NpgsqlDataSource handledDb = NpgsqlDataSource.Create(connectionString);
        Subscription competing = await bus.SubscribeAsync(Topic, CompetingGroup, new SubscriptionOptions
        {
            From = StartPosition.Earliest,
            MaxInFlight = 8,
            AckTimeout = TimeSpan.FromSeconds(1),
        });
        Subscription ordered = await bus.SubscribeAsync(Topic, OrderedGroup, new SubscriptionOptions
        {
            From = StartPosition.Earliest,
            MaxInFlight = 8,
            Ordered = true,
            MaxInFlightPerPartition = 2,
            AckTimeout = TimeSpan.FromSeconds(1),
        });
        Console.Out.WriteLine("READY");
        await Task.WhenAll(ConsumeAsync(competing, handledDb, schema), ConsumeAsync(ordered, handledDb, schema));
        return 0;
    }

    private static async Task ConsumeAsync(Subscription sub, NpgsqlDataSource handledDb, string schema)
    {
        string sql = $"INSERT INTO {schema}.handled(grp, id) VALUES($1, $2) ON CONFLICT DO NOTHING";
        while (true)
        {
            Delivery d = await sub.ReceiveAsync(CancellationToken.None);
            await using (NpgsqlCommand cmd = handledDb.CreateCommand(sql))
            {
                cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sub.Group });
                cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(d.Record.Id) });
                await cmd.ExecuteNonQueryAsync();
            }

            await d.AckAsync();
        }
    }
}
