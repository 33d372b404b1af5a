using System;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class ScheduleGraphExportTests
{
    private static SchedulePlan Sample() => new(
        new[] { Sys("Setup", stage: "startup"), Sys("Input"), Sys("Move", owns: new[] { "Position" }), Sys("Draw", stage: "render", reads: new[] { "Position" }) },
        new[]
        {
            new StagePlan("startup", true, new[] { new[] { 0 } }),
            new StagePlan("update", false, new[] { new[] { 1 }, new[] { 2 } }),
            new StagePlan("render", false, new[] { new[] { 3 } }),
        },
        new[] { new ScheduleEdge(1, 2, "after") });

    [Fact]
    public void ToMermaid_DrawsStagesBatchesAndEdges()
    {
        string expected =
            "flowchart LR\n" +
            "  subgraph stage_startup[\"startup\"]\n" +
            "    subgraph startup_batch0[\"batch 0\"]\n" +
            "      Setup[\"Setup\"]\n" +
            "    end\n" +
            "  end\n" +
            "  subgraph stage_update[\"update\"]\n" +
            "    subgraph update_batch0[\"batch 0\"]\n" +
            "      Input[\"Input\"]\n" +
            "    end\n" +
            "    subgraph update_batch1[\"batch 1\"]\n" +
            "      Move[\"Move\"]\n" +
            "    end\n" +
            "  end\n" +
            "  subgraph stage_render[\"render\"]\n" +
            "    subgraph render_batch0[\"batch 0\"]\n" +
            "      Draw[\"Draw\"]\n" +
            "    end\n" +
            "  end\n" +
            "  Input -->|after| Move\n";
        Assert.Equal(expected, Sample().ToMermaid());
    }

    [Fact]
    public void ToDot_RanksEachBatchAndLabelsEdges()
    {
        string dot = Sample().ToDot();
        Assert.StartsWith("digraph schedule {\n", dot, StringComparison.Ordinal);
        Assert.Contains("  subgraph cluster_update {\n    label=\"update\";\n    { rank=same; \"Input\"; }\n    { rank=same; \"Move\"; }\n  }\n", dot, StringComparison.Ordinal);
        Assert.Contains("  \"Input\" -> \"Move\" [label=\"after\"];\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_OfAnInvalidPlan_ThrowsInsteadOfDrawingIt()
    {
        SchedulePlan plan = Update(new[] { Sys("A") }, new[] { 3 });
        Assert.Throws<SchedulePlanException>(() => plan.ToMermaid());
    }
}
