using System;
using System.Linq;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// Runs one operation of the workload a given number of times, for instruction counts that do not depend on the
/// machine's load: <c>valgrind --tool=callgrind dotnet Prom.Benchmarks.dll count ViewLoopTick 100000 0 200</c> minus the
/// same with 0 calls, divided by 200, is the instructions of one call (see docs/benchmarks.md for the exact commands).
/// Every operation is first called 50 times, so that both runs compile the same code.
/// </summary>
internal static class DorakuInstructionCount
{
    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: count <operation> <entities> <padding> <calls>");
            return 2;
        }

        using var workload = new DorakuWorkload(int.Parse(args[2]), int.Parse(args[3]));
        (string Name, Action Run)[] variants = DorakuInterleavedProbe.Variants(workload);
        Action? run = variants.FirstOrDefault(v => v.Name.Split(' ')[0] == args[1]).Run;
        if (run is null)
        {
            Console.Error.WriteLine($"unknown operation '{args[1]}'; one of: {string.Join(", ", variants.Select(v => v.Name.Split(' ')[0]))}");
            return 2;
        }

        for (int i = 0; i < 50; i++)
        {
            run();
        }

        int calls = int.Parse(args[4]);
        for (int i = 0; i < calls; i++)
        {
            run();
        }

        return 0;
    }
}
