using System.Collections.Generic;
using System.Text;

namespace Prom;

/// <summary>
/// Writes a schedule as Mermaid and as Graphviz DOT text. This one file is compiled into both the generator's code
/// model (netstandard2.0, for the generated constants) and the ECS runtime (for <c>SchedulePlan.ToMermaid()</c>), so
/// the constant and the runtime call cannot drift apart.
/// </summary>
internal static class ScheduleGraphText
{
    /// <summary>
    /// Mermaid flowchart: one subgraph per stage, one per batch inside it, an arrow per ordering edge.
    /// </summary>
    /// <param name="stages">Stage names in run order.</param>
    /// <param name="batches">For each stage, its batches in run order, each the names of its systems.</param>
    /// <param name="edges">Ordering edges (system before system) with a short reason such as <c>after</c> or <c>res Time</c>.</param>
    public static string ToMermaid(
        IReadOnlyList<string> stages,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> batches,
        IReadOnlyList<ScheduleEdgeText> edges)
    {
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        for (int s = 0; s < stages.Count; s++)
        {
            text.Append("  subgraph stage_").Append(Id(stages[s])).Append("[\"").Append(stages[s]).Append("\"]\n");
            for (int b = 0; b < batches[s].Count; b++)
            {
                text.Append("    subgraph ").Append(Id(stages[s])).Append("_batch").Append(b)
                    .Append("[\"batch ").Append(b).Append("\"]\n");
                foreach (string system in batches[s][b])
                {
                    text.Append("      ").Append(Id(system)).Append("[\"").Append(system).Append("\"]\n");
                }

                text.Append("    end\n");
            }

            text.Append("  end\n");
        }

        foreach (ScheduleEdgeText edge in edges)
        {
            text.Append("  ").Append(Id(edge.From)).Append(" -->|").Append(edge.Reason).Append("| ").Append(Id(edge.To)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Graphviz DOT: one cluster per stage, systems ranked by batch, an edge per ordering edge.</summary>
    /// <param name="stages">Stage names in run order.</param>
    /// <param name="batches">For each stage, its batches in run order, each the names of its systems.</param>
    /// <param name="edges">Ordering edges with their reason.</param>
    public static string ToDot(
        IReadOnlyList<string> stages,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> batches,
        IReadOnlyList<ScheduleEdgeText> edges)
    {
        var text = new StringBuilder();
        text.Append("digraph schedule {\n  rankdir=LR;\n  node [shape=box];\n");
        for (int s = 0; s < stages.Count; s++)
        {
            text.Append("  subgraph cluster_").Append(Id(stages[s])).Append(" {\n    label=\"").Append(stages[s]).Append("\";\n");
            for (int b = 0; b < batches[s].Count; b++)
            {
                text.Append("    { rank=same;");
                foreach (string system in batches[s][b])
                {
                    text.Append(" \"").Append(system).Append("\";");
                }

                text.Append(" }\n");
            }

            text.Append("  }\n");
        }

        foreach (ScheduleEdgeText edge in edges)
        {
            text.Append("  \"").Append(edge.From).Append("\" -> \"").Append(edge.To)
                .Append("\" [label=\"").Append(edge.Reason).Append("\"];\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A Mermaid node id: letters, digits and underscores only.</summary>
    private static string Id(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            id.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return id.ToString();
    }
}

/// <summary>One ordering edge of a schedule: <see cref="From"/> runs in an earlier batch than <see cref="To"/>.</summary>
internal readonly struct ScheduleEdgeText
{
    /// <summary>Creates an edge.</summary>
    public ScheduleEdgeText(string from, string to, string reason)
    {
        From = from;
        To = to;
        Reason = reason;
    }

    /// <summary>The system that runs first.</summary>
    public string From { get; }

    /// <summary>The system that runs later.</summary>
    public string To { get; }

    /// <summary>Why: <c>after</c>, <c>before</c>, <c>current T</c>, <c>res T</c>.</summary>
    public string Reason { get; }
}
