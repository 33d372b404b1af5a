using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Sqlite;

namespace Prom.Bus.CrashChild;

/// <summary>
/// Child process of the crash-safety test. <c>run &lt;db&gt;</c> publishes and consumes (competing groups g1, g2 and the
/// ordered group g3 with a window of 4 per partition; acks are sent concurrently, so the store batches them) until it
/// is killed; <c>drain &lt;db&gt;</c> only consumes until every group's watermark reached the head, then exits 0.
/// Protocol on stdout, one line per fact, written before the fact is acted on where that matters:
/// <c>READY</c>; <c>P &lt;id&gt;</c> after a publish returned (confirmed durable); <c>K &lt;group&gt; &lt;id&gt;</c>
/// right before an ack is sent (so a settled record always has a K line).
/// </summary>
public static class Program
{
    public const string Topic = "crash.test";
    public static readonly string[] Groups = ["g1", "g2", "g3"];

    /// <summary>The group that consumes with an ordered subscription.</summary>
    public const string OrderedGroup = "g3";

    public static async Task<int> Main(string[] args)
    {
        if (args is [("pg-publish" or "pg-consume") and string pgMode, string connection, string schema])
        {
            return await PostgresChild.RunAsync(pgMode, connection, schema);
        }

        if (args is ["pg-bench-consume", string benchConnection, string benchSchema, string benchConsumers])
        {
            return await PostgresBenchChild.RunAsync(benchConnection, benchSchema, int.Parse(benchConsumers, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args.Length != 2 || (args[0] != "run" && args[0] != "drain"))
        {
            Console.Error.WriteLine("usage: Prom.Bus.CrashChild run|drain <db-path> | pg-publish|pg-consume <connection> <schema> | pg-bench-consume <connection> <schema> <consumers>");
            return 2;
        }

        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = args[1], Durability = SqliteDurability.Full });
        // A short member TTL, so the ordered group's partitions leave a killed member soon after the kill.
        await using var bus = new EventBus(store, new BusOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            MemberTtl = TimeSpan.FromSeconds(1),
        });
        await bus.CreateTopicAsync(new TopicConfig(Topic, Partitions: 2));
        using var stop = new CancellationTokenSource();
        var consumers = new List<Task>();
        foreach (string g in Groups)
        {
            Subscription sub = await bus.SubscribeAsync(Topic, g, new SubscriptionOptions
            {
                From = StartPosition.Earliest,
                MaxInFlight = 8,
                AckTimeout = TimeSpan.FromMilliseconds(800),
                Ordered = g == OrderedGroup,
                MaxInFlightPerPartition = 4,
            });
            consumers.Add(ConsumeAsync(sub, stop.Token));
        }

        Console.Out.WriteLine("READY");
        if (args[0] == "run")
        {
            await PublishForeverAsync(bus);
            return 0;
        }

        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            bool done = true;
            foreach (string g in Groups)
            {
                done &= (await bus.GetGroupStateAsync(Topic, g)).All(s => s.Watermark == s.Head);
            }

            if (done)
            {
                await stop.CancelAsync();
                await Task.WhenAll(consumers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
                Console.Out.WriteLine("DRAINED");
                return 0;
            }

            await Task.Delay(50);
        }

        return 3;
    }

    private static async Task PublishForeverAsync(EventBus bus)
    {
        for (long n = 0; ; n++)
        {
            EventRecord r = await bus.PublishAsync(PublishRequest.FromValue(Topic, n) with { Key = "k" + (n % 7) });
            Console.Out.WriteLine("P " + r.Id);
            await Task.Delay(2);
        }
    }

    private static async Task ConsumeAsync(Subscription sub, CancellationToken ct)
    {
        // Acks run concurrently (the window bounds them), so the store settles several in one transaction.
        var acks = new List<Task>();
        while (!ct.IsCancellationRequested)
        {
            Delivery d = await sub.ReceiveAsync(ct);
            Console.Out.WriteLine($"K {sub.Group} {d.Record.Id}");
            acks.Add(d.AckAsync(CancellationToken.None).AsTask());
            acks.RemoveAll(t => t.IsCompletedSuccessfully);
        }
    }
}
