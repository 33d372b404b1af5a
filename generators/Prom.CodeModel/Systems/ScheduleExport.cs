using System.Collections.Generic;
using System.Linq;

namespace Prom.CodeModel.Systems;

/// <summary>The schedule as Mermaid and DOT text, through the writer the runtime's <c>SchedulePlan</c> also uses.</summary>
public static class ScheduleExport
{
    /// <summary>A Mermaid flowchart of <paramref name="plan"/>.</summary>
    public static string ToMermaid(ScheduleModel plan)
    {
        (List<string> stages, List<IReadOnlyList<IReadOnlyList<string>>> batches, List<ScheduleEdgeText> edges) = Shape(plan);
        return ScheduleGraphText.ToMermaid(stages, batches, edges);
    }

    /// <summary>A Graphviz DOT graph of <paramref name="plan"/>.</summary>
    public static string ToDot(ScheduleModel plan)
    {
        (List<string> stages, List<IReadOnlyList<IReadOnlyList<string>>> batches, List<ScheduleEdgeText> edges) = Shape(plan);
        return ScheduleGraphText.ToDot(stages, batches, edges);
    }

    private static (List<string>, List<IReadOnlyList<IReadOnlyList<string>>>, List<ScheduleEdgeText>) Shape(ScheduleModel plan)
    {
        var stages = plan.Stages.Select(stage => stage.Name).ToList();
        var batches = plan.Stages
            .Select(stage => (IReadOnlyList<IReadOnlyList<string>>)stage.Batches
                .Select(batch => (IReadOnlyList<string>)batch.Select(index => plan.Systems[index].Name).ToList()).ToList())
            .ToList();
        var edges = plan.Edges
            .Select(edge => new ScheduleEdgeText(plan.Systems[edge.From].Name, plan.Systems[edge.To].Name, edge.Reason))
            .ToList();
        return (stages, batches, edges);
    }
}
