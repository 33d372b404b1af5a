using System;
using System.Linq;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// Quick single-case timing without BenchmarkDotNet: <c>probe &lt;entities&gt; &lt;padding&gt; [operation ...]</c> builds one
/// workload and times the named operations (all when none is named) interleaved with the <c>RawScalarInPlace</c>
/// baseline (see <see cref="Ecs.InterleavedRuns"/>), in about a second per operation. For development; the recorded
/// numbers come from <see cref="DorakuTwoComponentsBenchmarks"/>.
/// </summary>
internal static class DorakuProbe
{
    public static int Run(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[1], out int entities) || !int.TryParse(args[2], out int padding))
        {
            Console.Error.WriteLine("usage: probe <entities> <padding> [operation ...]");
            return 2;
        }

        using var workload = new DorakuWorkload(entities, padding);
        (string Name, Action Run)[] all = DorakuInterleavedProbe.Variants(workload);
        string[] wanted = args.Skip(3).ToArray();
        string[] unknown = wanted.Where(w => !all.Any(v => NameOf(v) == w)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"unknown operation(s) {string.Join(", ", unknown)}; one of: {string.Join(", ", all.Select(NameOf))}");
            return 2;
        }

        (string Name, Action Run)[] chosen = all
            .Where((v, i) => i == 0 || wanted.Length == 0 || wanted.Contains(NameOf(v)))
            .ToArray();
        Ecs.InterleavedRuns.Measure($"probe: {entities} entities, padding {padding}", chosen);
        return 0;
    }

    private static string NameOf((string Name, Action Run) variant) => variant.Name.Split(' ')[0];
}
