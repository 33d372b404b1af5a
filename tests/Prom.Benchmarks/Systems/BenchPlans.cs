using System;
using System.Linq;
using Prom.Ecs;

namespace Prom.Benchmarks.Systems;

/// <summary>Plans for the scheduler benchmarks: one "update" stage.</summary>
internal static class BenchPlans
{
    /// <summary><paramref name="count"/> systems named S0.., split into batches of <paramref name="batchSize"/>.</summary>
    public static SchedulePlan Update(int count, int batchSize)
    {
        SystemPlan[] systems = Enumerable.Range(0, count)
            .Select(i => new SystemPlan("S" + i, "update", Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()))
            .ToArray();
        int[][] batches = Enumerable.Range(0, (count + batchSize - 1) / batchSize)
            .Select(b => Enumerable.Range(b * batchSize, Math.Min(batchSize, count - (b * batchSize))).ToArray())
            .ToArray();
        return new SchedulePlan(systems, new[] { new StagePlan("update", false, batches) }, Array.Empty<ScheduleEdge>());
    }
}
