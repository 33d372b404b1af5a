using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.Ecs.Tests.Systems;

/// <summary>Small builders for plans and registrations in tests.</summary>
internal static class Plans
{
    private static readonly string[] s_none = Array.Empty<string>();

    public static SystemPlan Sys(string name, string stage = "update", string[]? owns = null, string[]? reads = null, string[]? resourceReads = null, string[]? resourceWrites = null) =>
        new(name, stage, owns ?? s_none, reads ?? s_none, resourceReads ?? s_none, resourceWrites ?? s_none);

    /// <summary>One "update" stage; each batch lists system indices.</summary>
    public static SchedulePlan Update(SystemPlan[] systems, params int[][] batches) =>
        new(systems, new[] { new StagePlan("update", false, batches) }, Array.Empty<ScheduleEdge>());

    /// <summary>Registrations creating <see cref="TestRunner"/>s, collected into <paramref name="runners"/> by name.</summary>
    public static List<SystemRegistration> Runners(IEnumerable<string> names, Dictionary<string, TestRunner> runners, Action<TestRunner>? configure = null, System.Collections.Concurrent.ConcurrentQueue<string>? log = null) =>
        names.Select(name => new SystemRegistration(name, context =>
        {
            var runner = new TestRunner(context, log);
            configure?.Invoke(runner);
            runners[name] = runner;
            return runner;
        })).ToList();
}
