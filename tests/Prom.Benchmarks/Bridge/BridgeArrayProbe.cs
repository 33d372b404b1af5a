using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// <c>array-probe &lt;rounds&gt;</c>: the 64 MiB float64 cases of <see cref="BridgeFloat64ArrayBenchmarks"/> and the pieces
/// of the by-value path (the copy alone, the copy plus a round trip, numpy's sum timed inside Python), one call of each
/// per round (interleaved) or, with <c>PROBE_BACK_TO_BACK=1</c>, each case's calls in a row as BenchmarkDotNet runs
/// them; <c>PROBE_WAKE=1</c> instead times how late a pool thread starts when the other core has idled. A development
/// tool for quick A/B comparisons and for splitting the by-value cost, not a measurement of record.
/// </summary>
internal static class BridgeArrayProbe
{
    private const int Count = 64 * (1 << 20) / sizeof(double);

    /// <summary>Python helpers that time numpy's sum inside the child (microseconds), without the round trip.</summary>
    private const string Helpers = """
        import time, numpy as np
        _pc = time.perf_counter
        def timed_sum(a):
            t = _pc(); np.sum(a); return (_pc() - t) * 1e6
        """;

    public static int Run(string[] args)
    {
        if (Environment.GetEnvironmentVariable("PROBE_WAKE") == "1")
        {
            WakeProbe();
            return 0;
        }

        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40;
        bool backToBack = Environment.GetEnvironmentVariable("PROBE_BACK_TO_BACK") == "1";
        string helperDir = Directory.CreateTempSubdirectory("prom-array-probe-").FullName;
        File.WriteAllText(Path.Combine(helperDir, "prom_array_probe.py"), Helpers);
        PyBridgeOptions options = BenchPython.Options();
        options.Environment["PYTHONPATH"] = helperDir;
        PyBridge py = PyBridge.StartAsync(options).GetAwaiter().GetResult();
        try
        {
            PyPath numpy = py.Import("numpy");
            PyPath helpers = py.Import("prom_array_probe");
            var typed = new NumpyModule(py);
            var managed = new double[Count];
            var random = new Random(1);
            for (int i = 0; i < Count; i++)
            {
                managed[i] = random.NextDouble();
            }

            using SharedArray<double> shared = py.RentCopyOf<double>(managed);
            using SharedArray<double> target = SharedArray.Create<double>(Count);
            target.Span.Fill(1.0);
            PyObject resident = numpy.Call<PyObject>("array", managed).GetAwaiter().GetResult();
            var cases = new List<(string Name, Func<double> Run)>
            {
                ("resident sum (baseline)", () => numpy.Call<double>("sum", resident).GetAwaiter().GetResult()),
                ("shared sum", () => numpy.Call<double>("sum", shared).GetAwaiter().GetResult()),
                ("by value sum, untyped", () => numpy.Call<double>("sum", managed).GetAwaiter().GetResult()),
                ("by value sum, typed", () => typed.Sum(managed).GetAwaiter().GetResult()),
                ("by value size", () => numpy.Call<long>("size", managed).GetAwaiter().GetResult()),
                ("shared size", () => numpy.Call<long>("size", shared).GetAwaiter().GetResult()),
                ("host copy", () => { Copy(managed, target); return 0; }),
                ("host copy into shared + shared size", () => { Copy(managed, shared); return numpy.Call<long>("size", shared).GetAwaiter().GetResult(); }),
                ("host copy into shared + shared sum", () => { Copy(managed, shared); return numpy.Call<double>("sum", shared).GetAwaiter().GetResult(); }),
                ("py: sum of resident", () => helpers.Call<double>("timed_sum", resident).GetAwaiter().GetResult()),
                ("py: sum of shared", () => helpers.Call<double>("timed_sum", shared).GetAwaiter().GetResult()),
                ("py: sum by value", () => helpers.Call<double>("timed_sum", managed).GetAwaiter().GetResult()),
            };

            var samples = new long[cases.Count][];
            var answers = new double[cases.Count][];
            for (int c = 0; c < cases.Count; c++)
            {
                samples[c] = new long[rounds];
                answers[c] = new double[rounds];
                cases[c].Run(); // warm-up
                cases[c].Run();
            }

            for (int round = 0; round < (backToBack ? 1 : rounds); round++)
            {
                for (int c = 0; c < cases.Count; c++)
                {
                    for (int again = 0; again < (backToBack ? rounds : 1); again++)
                    {
                        int r = backToBack ? again : round;
                        long t0 = Stopwatch.GetTimestamp();
                        answers[c][r] = cases[c].Run();
                        samples[c][r] = Stopwatch.GetTimestamp() - t0;
                    }
                }
            }

            long baseline = Median(samples[0]);
            for (int c = 0; c < cases.Count; c++)
            {
                long median = Median(samples[c]);
                string inPython = cases[c].Name.StartsWith("py:", StringComparison.Ordinal) ? $"; numpy.sum inside Python {Median(answers[c]):F0} us" : "";
                Console.WriteLine($"{cases[c].Name,-38} ratio {(double)median / baseline:F2}  {Timings.Describe(samples[c], rounds)}{inPython}");
            }
        }
        finally
        {
            py.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(helperDir, recursive: true);
        }

        return 0;
    }

    /// <summary>How late a pool thread starts after the other core idled for a while, this thread spinning meanwhile (no Python involved).</summary>
    private static void WakeProbe()
    {
        foreach (int idleMicros in new[] { 100, 300, 1000, 3000 })
        {
            var delays = new long[40];
            for (int i = 0; i < delays.Length; i++)
            {
                long spinUntil = Stopwatch.GetTimestamp() + (idleMicros * Stopwatch.Frequency / 1_000_000);
                while (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(10);
                }

                long queued = Stopwatch.GetTimestamp();
                long[] started = new long[1];
                ThreadPool.UnsafeQueueUserWorkItem(static box => Volatile.Write(ref box[0], Stopwatch.GetTimestamp()), started, preferLocal: false);
                while (Volatile.Read(ref started[0]) == 0)
                {
                    Thread.SpinWait(10);
                }

                delays[i] = started[0] - queued;
            }

            Console.WriteLine($"pool thread start after the other core idled {idleMicros} us: {Timings.Describe(delays, delays.Length)}");
        }
    }

    private static unsafe void Copy(double[] source, SharedArray<double> target)
    {
        fixed (double* t = target.Span)
        {
            Prom.Bridge.Arrays.BulkCopy.Copy(System.Runtime.InteropServices.MemoryMarshal.AsBytes(source.AsSpan()), (byte*)t);
        }
    }

    private static T Median<T>(T[] values)
    {
        T[] sorted = (T[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
