using System;
using System.Diagnostics;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// <c>bridge-probe &lt;calls per round&gt; &lt;rounds&gt;</c>: sequential <c>math.sqrt(16.0)</c> calls through the shared-memory
/// ring (untyped, then the generated wrapper, alternating round by round), timing every call and printing the median,
/// p90 and mean of each round; the host's and the child's process ids are printed first so a profiler
/// (<c>perf record -p PID</c>) can attach. A development tool for quick A/B comparisons of builds, not a measurement of
/// record (that is <see cref="BridgeSmallCallBenchmarks"/>).
/// </summary>
internal static class BridgeSmallCallProbe
{
    public static int Run(string[] args)
    {
        int calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6;
        PyBridgeOptions options = BenchPython.Options();
        options.SmallCalls = SmallCallTransport.SharedMemory;
        PyBridge py = PyBridge.StartAsync(options).GetAwaiter().GetResult();
        try
        {
            Console.WriteLine($"host pid {Environment.ProcessId}, python pid {py.ProcessId}, ring {py.UsesSharedMemoryRing}");
            PyPath math = py.Import("math");
            var typed = new MathModule(py);
            var samples = new long[calls];
            for (int i = 0; i < 2_000; i++)
            {
                math.Call<double>("sqrt", 16.0).GetAwaiter().GetResult();
            }

            for (int round = 0; round < rounds; round++)
            {
                bool wrapper = round % 2 == 1;
                for (int i = 0; i < calls; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    double root = wrapper ? typed.Sqrt(16.0).GetAwaiter().GetResult() : math.Call<double>("sqrt", 16.0).GetAwaiter().GetResult();
                    samples[i] = Stopwatch.GetTimestamp() - t0;
                    if (root != 4.0)
                    {
                        throw new InvalidOperationException($"sqrt(16.0) answered {root}");
                    }
                }

                Console.WriteLine($"{(wrapper ? "wrapper" : "untyped")} round {round}: {Timings.Describe(samples, calls)}");
            }
        }
        finally
        {
            py.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return 0;
    }
}
