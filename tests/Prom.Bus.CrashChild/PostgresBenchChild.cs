using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Prom.Bus.Postgres;

namespace Prom.Bus.CrashChild;

/// <summary>
/// The second process of the PostgreSQL end-to-end benchmark (tests/Prom.Benchmarks/Bus/BusPostgresEndToEndBenchmarks.cs):
/// <c>pg-bench-consume &lt;connection&gt; &lt;schema&gt; &lt;consumers&gt;</c> runs that many competing members of
/// <see cref="Group"/> on <see cref="Topic"/>, each receiving one record at a time and awaiting its ack, and prints one
/// line <c>A</c> per completed ack (lines written as they come, flushed whenever none is pending, so one ack at a time is
/// reported at once and a burst costs few writes). Prints <c>READY</c> once every member subscribed; exits when stdin
/// closes.
/// </summary>
public static class PostgresBenchChild
{
    public const string Topic = "bench.e2e";
    public const string Group = "workers";
    public const int Partitions = 8;

    /// <summary>The subscription every benchmark consumer uses, in either process.</summary>
    public static SubscriptionOptions Subscription => new() { From = StartPosition.Latest, MaxInFlight = 32 };

    internal static async Task<int> RunAsync(string connectionString, string schema, int consumers)
    {
        await using PostgresBusStore store = await PostgresBusStore.OpenAsync(new PostgresBusStoreOptions { ConnectionString = connectionString, Schema = schema });
        await using var bus = new EventBus(store);
        using var stop = new CancellationTokenSource();
        var acks = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
        var loops = new Task[consumers];
        for (int c = 0; c < consumers; c++)
        {
            Subscription sub = await bus.SubscribeAsync(Topic, Group, Subscription);
            loops[c] = Task.Run(() => ConsumeAsync(sub, acks.Writer, stop.Token));
        }

        Task reporter = Task.Run(() => ReportAsync(acks.Reader));
        Console.Out.WriteLine("READY");
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd()); // the benchmark closes stdin (or dies) when it is done
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException)
        {
        }

        acks.Writer.Complete();
        await reporter;
        return 0;
    }

    private static async Task ConsumeAsync(Subscription sub, ChannelWriter<bool> acks, CancellationToken ct)
    {
        await using (sub)
        {
            while (!ct.IsCancellationRequested)
            {
                Delivery d = await sub.ReceiveAsync(ct);
                await d.AckAsync();
                acks.TryWrite(true);
            }
        }
    }

    private static async Task ReportAsync(ChannelReader<bool> acks)
    {
        var stdout = new System.IO.StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
        while (await acks.WaitToReadAsync())
        {
            while (acks.TryRead(out _))
            {
                stdout.Write("A\n");
            }

            stdout.Flush();
        }
    }
}
