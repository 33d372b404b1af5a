using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel;
using Prom.CodeModel.Systems;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Systems;

/// <summary>
/// Emits <c>Prom.Generated.PromSystems</c>: the static schedule as data for the runtime, its Mermaid and DOT text as
/// constants, one registration per system, and a scheduler factory.
/// </summary>
internal static class ScheduleEmitter
{
    private const string Ecs = "global::Prom.Ecs.";

    public static string Emit(ScheduleModel plan)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, GeneratedNames.Namespace);
        w.Line("/// <summary>");
        w.Line("/// The static schedule of this assembly's [System] classes, computed at compile time: stages, batches of systems");
        w.Line("/// that may run in parallel, and the ordering edges between them.");
        w.Line("/// </summary>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Open("internal static class " + GeneratedNames.Systems);
        w.Line("/// <summary>The schedule as a Mermaid flowchart (paste into any Mermaid renderer).</summary>");
        w.Line($"public const string Mermaid = {SystemRunnerEmitter.Literal(ScheduleExport.ToMermaid(plan))};");
        w.Line();
        w.Line("/// <summary>The schedule as a Graphviz DOT graph (<c>dot -Tsvg</c>).</summary>");
        w.Line($"public const string Dot = {SystemRunnerEmitter.Literal(ScheduleExport.ToDot(plan))};");
        w.Line();
        EmitPlan(w, plan);
        w.Line();
        EmitRegistrations(w, plan);
        w.Line();
        w.Line("/// <summary>A scheduler that runs this assembly's systems on <paramref name=\"world\"/>.</summary>");
        w.Line("/// <param name=\"world\">The world the systems run on.</param>");
        w.Line("/// <param name=\"options\">Parallelism and other executor settings.</param>");
        w.Line("/// <param name=\"services\">Resolves the systems' constructor parameters.</param>");
        w.Line($"public static {Ecs}Scheduler CreateScheduler({Ecs}World world, {Ecs}SchedulerOptions? options = null, global::System.IServiceProvider? services = null) =>");
        w.Line("    new(world, Plan, Registrations, options, services);");
        w.Close();
        GeneratedFile.CloseNamespace(w, GeneratedNames.Namespace);
        return w.ToString();
    }

    private static void EmitPlan(SourceWriter w, ScheduleModel plan)
    {
        w.Line("/// <summary>The schedule as data: systems with their access, stages with their batches, the ordering edges.</summary>");
        w.Line($"public static {Ecs}SchedulePlan Plan {{ get; }} = new(");
        w.Line($"    new {Ecs}SystemPlan[]");
        w.Line("    {");
        foreach (SystemModel system in plan.Systems)
        {
            w.Line($"        new({SystemRunnerEmitter.Literal(system.Name)}, {SystemRunnerEmitter.Literal(system.Stage)}, "
                + $"{Strings(system.Owns)}, {Strings(system.Reads.Concat(system.Currents))}, {Strings(system.ResourceReads)}, {Strings(system.ResourceWrites)}),");
        }

        w.Line("    },");
        w.Line($"    new {Ecs}StagePlan[]");
        w.Line("    {");
        foreach (StageModel stage in plan.Stages)
        {
            string batches = string.Join(", ", stage.Batches.Select(batch => "new int[] { " + string.Join(", ", batch) + " }"));
            w.Line($"        new({SystemRunnerEmitter.Literal(stage.Name)}, {(stage.RunsOnce ? "true" : "false")}, new int[][] {{ {batches} }}),");
        }

        w.Line("    },");
        w.Line($"    new {Ecs}ScheduleEdge[]");
        w.Line("    {");
        foreach (ScheduleEdgeModel edge in plan.Edges)
        {
            w.Line($"        new({edge.From}, {edge.To}, {SystemRunnerEmitter.Literal(edge.Reason)}),");
        }

        w.Line("    });");
    }

    private static void EmitRegistrations(SourceWriter w, ScheduleModel plan)
    {
        w.Line("/// <summary>One registration per system, in the order of <see cref=\"Plan\"/>.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Ecs}SystemRegistration> Registrations {{ get; }} = new {Ecs}SystemRegistration[]");
        w.Line("{");
        foreach (SystemModel system in plan.Systems)
        {
            string runner = (system.Namespace.Length > 0 ? "global::" + system.Namespace + "." : "global::") + GeneratedNames.SystemRunner(system.TypeName);
            w.Line($"    new({SystemRunnerEmitter.Literal(system.Name)}, static context => new {runner}(context)),");
        }

        w.Line("};");
    }

    private static string Strings(IEnumerable<string> values)
    {
        string[] items = values.Select(value => SystemRunnerEmitter.Literal(SystemParser.Display(value))).ToArray();
        return items.Length == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", items) + " }";
    }
}
