namespace Prom.CodeModel.Systems;

/// <summary>The static schedule of an assembly's systems, computed at compile time.</summary>
/// <param name="Systems">Every system, in registration (declaration) order; batches index into it.</param>
/// <param name="Stages">The stages that have systems, in run order.</param>
/// <param name="Edges">Every ordering edge between systems of one stage (from runs in an earlier batch than to).</param>
public sealed record ScheduleModel(
    EquatableArray<SystemModel> Systems,
    EquatableArray<StageModel> Stages,
    EquatableArray<ScheduleEdgeModel> Edges);

/// <summary>One stage of the schedule.</summary>
/// <param name="Name">The stage name.</param>
/// <param name="RunsOnce">Whether it runs once before the first tick (the <c>startup</c> stage).</param>
/// <param name="Batches">Batches in run order; the systems of one batch may run in parallel.</param>
public sealed record StageModel(string Name, bool RunsOnce, EquatableArray<EquatableArray<int>> Batches);

/// <summary>An ordering edge: <paramref name="From"/> runs in an earlier batch than <paramref name="To"/>.</summary>
/// <param name="From">Index of the earlier system.</param>
/// <param name="To">Index of the later system.</param>
/// <param name="Reason"><c>after</c>, <c>current T</c> or <c>res R</c>.</param>
public sealed record ScheduleEdgeModel(int From, int To, string Reason);

/// <summary>A problem of the schedule as a whole, reported by the analyzer at the system named <paramref name="System"/>.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="System">The schedule name of the system where it is reported.</param>
/// <param name="Args">The message arguments.</param>
public sealed record ScheduleProblem(string Id, string System, EquatableArray<string> Args);

/// <summary>The planner's result: a plan when the systems can be scheduled, and the problems otherwise.</summary>
/// <param name="Plan">The schedule, or null when there are problems.</param>
/// <param name="Problems">What prevents a schedule.</param>
public sealed record SchedulePlanResult(ScheduleModel? Plan, EquatableArray<ScheduleProblem> Problems);
