using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// <c>gateway-probe &lt;Full|Normal|FullAckDelay|BusClient|JetStream&gt; &lt;seconds&gt;</c>: the throughput benchmark's work in a loop for a
/// while, printing records/s per round, with the server's process id printed first so a profiler
/// (<c>perf record -p PID</c>, <c>dotnet-trace collect -p PID</c>) can attach. After the first quarter of the time (warm-up)
/// it accounts the CPU of the server process and of this driver process (user and kernel, from <c>/proc</c> through
/// <see cref="Process.TotalProcessorTime"/>) and prints both per record: on a shared, noisy machine the CPU per record
/// moves far less than records/s. A development tool, not a measurement of record.
/// </summary>
internal static class GatewayProbe
{
    private const int RecordsPerRound = 2_000;

    public static int Run(string[] args)
    {
        string broker = args.Length > 1 ? args[1] : "Full";
        double seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        return RunAsync(broker, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string broker, TimeSpan duration)
    {
        await using IBrokerUnderTest under = broker switch
        {
            "JetStream" => await JetStreamBroker.StartAsync().ConfigureAwait(false),
            "BusClient" => await BusClientBroker.StartAsync("Full").ConfigureAwait(false),
            "FullAckDelay" => await GatewayBroker.StartAsync("Full", GatewayVsJetStreamBenchmarks.AckCommitDelay).ConfigureAwait(false),
            _ => await GatewayBroker.StartAsync(broker).ConfigureAwait(false),
        };
        Console.WriteLine($"server pid {under.ServerProcessId}");
        using Process server = Process.GetProcessById(under.ServerProcessId);
        using Process self = Process.GetCurrentProcess();

        TimeSpan warmup = duration / 4;
        var total = Stopwatch.StartNew();
        long records = 0;
        long measured = 0;
        Stopwatch? window = null;
        Cpu serverStart = default, selfStart = default;
        while (total.Elapsed < duration)
        {
            if (window is null && total.Elapsed >= warmup)
            {
                serverStart = Cpu.Of(server);
                selfStart = Cpu.Of(self);
                window = Stopwatch.StartNew();
            }

            var round = Stopwatch.StartNew();
            await BrokerWork.PublishAndDrainAsync(under, RecordsPerRound).ConfigureAwait(false);
            records += RecordsPerRound;
            if (window is not null)
            {
                measured += RecordsPerRound;
            }

            Console.WriteLine($"{RecordsPerRound / round.Elapsed.TotalSeconds:F0} records/s");
        }

        Console.WriteLine($"{broker}: {records / total.Elapsed.TotalSeconds:F0} records/s over {records} records");
        if (window is not null && measured > 0)
        {
            Cpu serverCpu = Cpu.Of(server) - serverStart;
            Cpu selfCpu = Cpu.Of(self) - selfStart;
            double perRecord(TimeSpan t) => t.TotalMicroseconds / measured;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{broker} window: {measured} records in {window.Elapsed.TotalSeconds:F1} s = {measured / window.Elapsed.TotalSeconds:F0} records/s; " +
                $"server CPU {perRecord(serverCpu.User + serverCpu.Kernel):F0} µs/record (user {perRecord(serverCpu.User):F0}, kernel {perRecord(serverCpu.Kernel):F0}); " +
                $"driver CPU {perRecord(selfCpu.User + selfCpu.Kernel):F0} µs/record (user {perRecord(selfCpu.User):F0}, kernel {perRecord(selfCpu.Kernel):F0})"));
        }

        return 0;
    }

    private readonly record struct Cpu(TimeSpan User, TimeSpan Kernel)
    {
        public static Cpu Of(Process p)
        {
            p.Refresh();
            return new Cpu(p.UserProcessorTime, p.PrivilegedProcessorTime);
        }

        public static Cpu operator -(Cpu a, Cpu b) => new(a.User - b.User, a.Kernel - b.Kernel);
    }
}
