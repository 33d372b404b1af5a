using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// One stage of a <see cref="SchedulePlan"/>: batches run one after the other; the systems of one batch may run in
/// parallel. A stage that <see cref="RunsOnce"/> (startup) runs in the first tick only, before every other stage.
/// </summary>
[DebuggerDisplay("Stage {Name,nq}: {Batches.Count} batches")]
public sealed class StagePlan
{
    private readonly int[][] _batches;

    /// <summary>Creates a stage.</summary>
    /// <param name="name">The stage's name (unique in the plan).</param>
    /// <param name="runsOnce">True for a startup stage: it runs once, in its own tick before the first regular one.</param>
    /// <param name="batches">Batches in run order, each the indices (into <see cref="SchedulePlan.Systems"/>) of its systems.</param>
    public StagePlan(string name, bool runsOnce, int[][] batches)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(batches);
        Name = name;
        RunsOnce = runsOnce;
        _batches = batches;
    }

    /// <summary>The stage's name.</summary>
    public string Name { get; }

    /// <summary>True for a stage that runs once (startup).</summary>
    public bool RunsOnce { get; }

    /// <summary>Batches in run order; each lists indices into <see cref="SchedulePlan.Systems"/>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Batches => _batches;

    /// <summary>The batches as given (the scheduler iterates them without interface calls).</summary>
    internal int[][] BatchArrays => _batches;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
