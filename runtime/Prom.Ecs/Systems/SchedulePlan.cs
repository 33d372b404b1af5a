using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// A static schedule: the systems, the stages with their batches (computed at compile time by the <c>[System]</c>
/// generator) and the ordering edges that explain the batches. The <see cref="Scheduler"/> validates and executes it;
/// <see cref="ToMermaid"/> and <see cref="ToDot"/> draw it with the same writer as the generated constants.
/// </summary>
[DebuggerDisplay("SchedulePlan: {Systems.Count} systems, {Stages.Count} stages")]
public sealed class SchedulePlan
{
    private readonly SystemPlan[] _systems;
    private readonly StagePlan[] _stages;
    private readonly ScheduleEdge[] _edges;

    /// <summary>Creates a plan. Nothing is checked here (generated plans live in static fields); see <see cref="Validate"/>.</summary>
    /// <param name="systems">Every system, indexed by the batches and edges.</param>
    /// <param name="stages">Stages in run order.</param>
    /// <param name="edges">Ordering edges.</param>
    public SchedulePlan(SystemPlan[] systems, StagePlan[] stages, ScheduleEdge[] edges)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(stages);
        _systems = systems;
        _stages = stages;
        _edges = edges ?? Array.Empty<ScheduleEdge>();
    }

    /// <summary>Every system; batches and edges hold indices into this list.</summary>
    public IReadOnlyList<SystemPlan> Systems => _systems;

    /// <summary>Stages in run order.</summary>
    public IReadOnlyList<StagePlan> Stages => _stages;

    /// <summary>Ordering edges.</summary>
    public IReadOnlyList<ScheduleEdge> Edges => _edges;

    internal SystemPlan[] SystemArray => _systems;

    internal StagePlan[] StageArray => _stages;

    /// <summary>The index of the system named <paramref name="name"/>, or -1.</summary>
    /// <param name="name">A system name.</param>
    public int IndexOf(string name) => Array.FindIndex(_systems, s => s.Name == name);

    /// <summary>
    /// Checks the plan: every system in exactly one batch of the stage it names, indices in range, unique names,
    /// no component with two owners, no resource written by one system and read or written by another in the same
    /// batch, every edge going from an earlier batch to a later one.
    /// </summary>
    /// <exception cref="SchedulePlanException">Every problem found, each naming the systems involved.</exception>
    public void Validate() => PlanValidator.Validate(this);

    /// <summary>The plan as a Mermaid flowchart (stages, batches, edges).</summary>
    public string ToMermaid()
    {
        PlanValidator.Validate(this);
        return ScheduleGraphText.ToMermaid(StageNames(), BatchNames(), EdgeTexts());
    }

    /// <summary>The plan as Graphviz DOT.</summary>
    public string ToDot()
    {
        PlanValidator.Validate(this);
        return ScheduleGraphText.ToDot(StageNames(), BatchNames(), EdgeTexts());
    }

    private string[] StageNames() => Array.ConvertAll(_stages, s => s.Name);

    private IReadOnlyList<IReadOnlyList<string>>[] BatchNames() =>
        Array.ConvertAll(_stages, s => (IReadOnlyList<IReadOnlyList<string>>)Array.ConvertAll(
            s.BatchArrays, b => (IReadOnlyList<string>)Array.ConvertAll(b, i => _systems[i].Name)));

    private ScheduleEdgeText[] EdgeTexts() =>
        Array.ConvertAll(_edges, e => new ScheduleEdgeText(_systems[e.From].Name, _systems[e.To].Name, e.Reason));
}
