using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>
/// What happened in the last tick: coverage gaps, double writes, skipped commands and the commit's work.
/// One instance per world, reused (cleared at <see cref="World.BeginTick"/>) so that reporting allocates nothing.
/// </summary>
public sealed class TickReport
{
    internal readonly List<CoverageGap> Gaps = new();
    internal readonly List<DoubleWrite> Doubles = new();
    internal readonly List<SkippedCommand> Skipped = new();

    /// <summary>Columns an owner wrote only partly (strict mode turns these into a <see cref="CoverageException"/>).</summary>
    public IReadOnlyList<CoverageGap> CoverageGaps => Gaps;

    /// <summary>Rows written twice in the tick.</summary>
    public IReadOnlyList<DoubleWrite> DoubleWrites => Doubles;

    /// <summary>Commands whose entity was gone by the time they played back.</summary>
    public IReadOnlyList<SkippedCommand> SkippedCommands => Skipped;

    /// <summary>Component-in-chunk buffers swapped by the last commit (each swaps one pointer pair per leaf).</summary>
    public int SwappedSlots { get; internal set; }

    /// <summary>Rows the last commit carried because their owner left them unwritten.</summary>
    public int CarriedRows { get; internal set; }

    /// <summary>Commands played back at the end of the last tick.</summary>
    public int PlayedCommands { get; internal set; }

    internal object SyncRoot => Doubles;

    internal void Clear()
    {
        Gaps.Clear();
        Doubles.Clear();
        Skipped.Clear();
        SwappedSlots = 0;
        CarriedRows = 0;
        PlayedCommands = 0;
    }
}
