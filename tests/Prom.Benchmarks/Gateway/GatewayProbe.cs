using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// <c>gateway-probe &lt;Full|Normal|BusClient|JetStream&gt; &lt;seconds&gt;</c>: the throughput benchmark's work in a loop for a
/// while, printing records/s per round, with the server's process id printed first so a profiler
/// (<c>dotnet-trace collect -p PID</c>) can attach. A development tool, not a measurement of record.
/// </summary>
internal static class GatewayProbe
{
    private const int RecordsPerRound = 2_000;

    public static int Run(string[] args)
    {
        string broker = args.Length > 1 ? args[1] : "Full";
        double seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30;
        return RunAsync(broker, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string broker, TimeSpan duration)
    {
        await using IBrokerUnderTest under = broker switch
        {
            "JetStream" => await JetStreamBroker.StartAsync().ConfigureAwait(false),
            "BusClient" => await BusClientBroker.StartAsync("Full").ConfigureAwait(false),
            _ => await GatewayBroker.StartAsync(broker).ConfigureAwait(false),
        };
        if (under is GatewayBroker gateway)
        {
            Console.WriteLine($"server pid {gateway.ServerProcessId}");
        }

        var total = Stopwatch.StartNew();
        long records = 0;
        while (total.Elapsed < duration)
        {
            var round = Stopwatch.StartNew();
            await BrokerWork.PublishAndDrainAsync(under, RecordsPerRound).ConfigureAwait(false);
            records += RecordsPerRound;
            Console.WriteLine($"{RecordsPerRound / round.Elapsed.TotalSeconds:F0} records/s");
        }

        Console.WriteLine($"{broker}: {records / total.Elapsed.TotalSeconds:F0} records/s over {records} records");
        return 0;
    }
}
