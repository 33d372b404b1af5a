using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Prom.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Prom.Benchmarks -- --filter '*Struct*'</c>. Development modes:
/// <c>count &lt;operation&gt; &lt;entities&gt; &lt;padding&gt; &lt;calls&gt;</c> runs one Doraku operation for instruction counts
/// under callgrind; <c>probe &lt;entities&gt; &lt;padding&gt; [operation ...]</c> times Doraku operations interleaved with the raw
/// scalar baseline, without BenchmarkDotNet; <c>gateway-probe &lt;Full|Normal|FullAckDelay|BusClient|JetStream&gt; &lt;seconds&gt;</c> loops
/// the gateway throughput work for a profiler; <c>bridge-probe &lt;calls&gt; &lt;rounds&gt;</c> times sequential small calls through the
/// shared-memory ring (<see cref="Bridge.BridgeSmallCallProbe"/>); <c>array-probe &lt;rounds&gt; [helper dir]</c> interleaves the 64 MiB
/// array cases (<see cref="Bridge.BridgeArrayProbe"/>). Every benchmark class compares against a baseline measured in the same
/// run; results go to docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "count")
        {
            return Doraku.DorakuInstructionCount.Run(args);
        }

        if (args.Length > 0 && args[0] == "probe")
        {
            return Doraku.DorakuProbe.Run(args);
        }

        if (args.Length > 0 && args[0] == "gateway-probe")
        {
            return Gateway.GatewayProbe.Run(args);
        }

        if (args.Length > 0 && args[0] == "bridge-probe")
        {
            return Bridge.BridgeSmallCallProbe.Run(args);
        }

        if (args.Length > 0 && args[0] == "array-probe")
        {
            return Bridge.BridgeArrayProbe.Run(args);
        }

        // The generated benchmark project rebuilds the whole solution single-threaded (/m:1): on a 2-core machine that
        // takes longer than BenchmarkDotNet's default 120 s build timeout, which then kills the build and runs nothing.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(System.TimeSpan.FromMinutes(15));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
