using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>The checks of <see cref="SchedulePlan.Validate"/> and of the scheduler's registrations.</summary>
internal static class PlanValidator
{
    internal static void Validate(SchedulePlan plan)
    {
        var problems = new List<string>();
        CheckStructure(plan, problems, out (int Stage, int Batch)[] position);
        if (problems.Count == 0)
        {
            CheckOwners(plan, problems);
            CheckBatchConflicts(plan, problems);
            CheckEdges(plan, position, problems);
        }

        if (problems.Count > 0)
        {
            throw new SchedulePlanException(problems);
        }
    }

    internal static void ValidateRegistrations(SchedulePlan plan, IReadOnlyList<SystemRegistration> registrations)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, int>();
        for (int i = 0; i < registrations.Count; i++)
        {
            SystemRegistration? registration = registrations[i];
            if (registration is null)
            {
                problems.Add($"Registration {i} is null.");
            }
            else if (!byName.TryAdd(registration.Name, i))
            {
                problems.Add($"System '{registration.Name}' is registered twice.");
            }
        }

        var planned = new HashSet<string>();
        foreach (SystemPlan system in plan.SystemArray)
        {
            planned.Add(system.Name);
            if (!byName.ContainsKey(system.Name))
            {
                problems.Add($"System '{system.Name}' is in the plan but has no registration.");
            }
        }

        foreach (SystemRegistration? registration in registrations)
        {
            if (registration is not null && !planned.Contains(registration.Name))
            {
                problems.Add($"System '{registration.Name}' is registered but not in the plan.");
            }
        }

        if (problems.Count > 0)
        {
            throw new SchedulePlanException(problems);
        }
    }

    private static void CheckStructure(SchedulePlan plan, List<string> problems, out (int Stage, int Batch)[] position)
    {
        SystemPlan[] systems = plan.SystemArray;
        position = new (int, int)[systems.Length];
        var names = new Dictionary<string, int>();
        for (int i = 0; i < systems.Length; i++)
        {
            position[i] = (-1, -1);
            if (systems[i] is null)
            {
                problems.Add($"System {i} of the plan is null.");
            }
            else if (names.TryGetValue(systems[i].Name, out int first))
            {
                problems.Add($"Systems {first} and {i} are both named '{systems[i].Name}'.");
            }
            else
            {
                names.Add(systems[i].Name, i);
            }
        }

        var stageNames = new HashSet<string>();
        StagePlan[] stages = plan.StageArray;
        for (int s = 0; s < stages.Length; s++)
        {
            StagePlan stage = stages[s];
            if (stage is null)
            {
                problems.Add($"Stage {s} of the plan is null.");
                continue;
            }

            if (!stageNames.Add(stage.Name))
            {
                problems.Add($"Stage '{stage.Name}' appears twice.");
            }

            for (int b = 0; b < stage.BatchArrays.Length; b++)
            {
                int[]? batch = stage.BatchArrays[b];
                if (batch is null)
                {
                    problems.Add($"Batch {b} of stage '{stage.Name}' is null.");
                    continue;
                }

                foreach (int index in batch)
                {
                    if ((uint)index >= (uint)systems.Length || systems[index] is null)
                    {
                        problems.Add($"Batch {b} of stage '{stage.Name}' refers to system {index}, but the plan has {systems.Length} systems.");
                        continue;
                    }

                    SystemPlan system = systems[index];
                    if (position[index].Stage >= 0)
                    {
                        problems.Add($"System '{system.Name}' is scheduled twice (stage '{stages[position[index].Stage].Name}' batch {position[index].Batch} and stage '{stage.Name}' batch {b}).");
                        continue;
                    }

                    position[index] = (s, b);
                    if (system.Stage != stage.Name)
                    {
                        problems.Add($"System '{system.Name}' declares stage '{system.Stage}' but is scheduled in stage '{stage.Name}'.");
                    }
                }
            }
        }

        for (int i = 0; i < systems.Length; i++)
        {
            if (systems[i] is not null && position[i].Stage < 0)
            {
                problems.Add($"System '{systems[i].Name}' is in no batch of any stage.");
            }
        }
    }

    private static void CheckOwners(SchedulePlan plan, List<string> problems)
    {
        SystemPlan[] systems = plan.SystemArray;
        var twice = new List<(string Component, int First, int Second)>();
        AccessConflicts.Owners(systems.Length, i => systems[i].Owns, twice);
        foreach ((string component, int first, int second) in twice)
        {
            problems.Add($"{component} has two owners: '{systems[first].Name}' and '{systems[second].Name}'.");
        }
    }

    private static void CheckBatchConflicts(SchedulePlan plan, List<string> problems)
    {
        SystemPlan[] systems = plan.SystemArray;
        foreach (StagePlan stage in plan.StageArray)
        {
            for (int b = 0; b < stage.BatchArrays.Length; b++)
            {
                int[] batch = stage.BatchArrays[b];
                for (int x = 0; x < batch.Length; x++)
                {
                    for (int y = x + 1; y < batch.Length; y++)
                    {
                        ReportResourceConflicts(systems[batch[x]], systems[batch[y]], stage.Name, b, problems);
                    }
                }
            }
        }
    }

    /// <summary>Each resource the two systems conflict on, once, named from the writer (of two writers, the one whose name sorts first).</summary>
    private static void ReportResourceConflicts(SystemPlan a, SystemPlan b, string stage, int batch, List<string> problems)
    {
        foreach ((string resource, bool aWrites, bool bWrites) in
            AccessConflicts.Resources(a.ResourceReads, a.ResourceWrites, b.ResourceReads, b.ResourceWrites))
        {
            bool aNamed = aWrites && (!bWrites || string.CompareOrdinal(a.Name, b.Name) <= 0);
            SystemPlan writer = aNamed ? a : b;
            SystemPlan other = aNamed ? b : a;
            string access = aWrites && bWrites ? "writes" : "reads";
            problems.Add($"Systems '{writer.Name}' and '{other.Name}' are in the same batch ({stage} batch {batch}) but '{writer.Name}' writes resource {resource} and '{other.Name}' {access} it.");
        }
    }

    private static void CheckEdges(SchedulePlan plan, (int Stage, int Batch)[] position, List<string> problems)
    {
        SystemPlan[] systems = plan.SystemArray;
        foreach (ScheduleEdge edge in plan.Edges)
        {
            if (edge is null)
            {
                problems.Add("An edge of the plan is null.");
                continue;
            }

            if ((uint)edge.From >= (uint)systems.Length || (uint)edge.To >= (uint)systems.Length)
            {
                problems.Add($"Edge {edge.From} -> {edge.To} ({edge.Reason}) refers to a system outside the plan's {systems.Length} systems.");
                continue;
            }

            (int Stage, int Batch) from = position[edge.From];
            (int Stage, int Batch) to = position[edge.To];
            if (from.Stage > to.Stage || (from.Stage == to.Stage && from.Batch >= to.Batch))
            {
                problems.Add($"Edge '{systems[edge.From].Name}' -> '{systems[edge.To].Name}' ({edge.Reason}) does not hold: '{systems[edge.From].Name}' must run in an earlier batch.");
            }
        }
    }
}
