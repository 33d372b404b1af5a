namespace Prom.Ecs;

/// <summary>
/// What happens when an owner wrote some rows of a component in a chunk this tick but not all of them
/// (the column is swapped at commit, so the unwritten rows of <c>next</c> would otherwise hold stale values).
/// </summary>
public enum CoverageMode
{
    /// <summary>The commit carries the uncovered rows (<c>next = prev</c>) and lists them in <see cref="TickReport.CoverageGaps"/>.</summary>
    Carry,

    /// <summary>
    /// As <see cref="Carry"/>, then <see cref="World.EndTick"/> throws <see cref="CoverageException"/> after the commit
    /// completed; a double write throws <see cref="DoubleWriteException"/> at the write.
    /// </summary>
    Strict,
}
