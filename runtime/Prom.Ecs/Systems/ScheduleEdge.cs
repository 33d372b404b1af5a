using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// An ordering edge of a <see cref="SchedulePlan"/>: system <see cref="From"/> runs in an earlier batch (or stage) than
/// system <see cref="To"/>. Edges document why the plan is ordered as it is; the scheduler checks they hold.
/// </summary>
[DebuggerDisplay("{From} -> {To} ({Reason,nq})")]
public sealed class ScheduleEdge
{
    /// <summary>Creates an edge.</summary>
    /// <param name="from">Index of the earlier system in <see cref="SchedulePlan.Systems"/>.</param>
    /// <param name="to">Index of the later system.</param>
    /// <param name="reason">Why, e.g. <c>after</c>, <c>before</c>, <c>current Position</c>, <c>res Time</c>.</param>
    public ScheduleEdge(int from, int to, string reason)
    {
        From = from;
        To = to;
        Reason = reason ?? string.Empty;
    }

    /// <summary>Index of the system that runs first.</summary>
    public int From { get; }

    /// <summary>Index of the system that runs later.</summary>
    public int To { get; }

    /// <summary>Why the edge exists.</summary>
    public string Reason { get; }
}
