using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.Ecs;

/// <summary>
/// Thrown by <see cref="World.EndTick"/> in <see cref="CoverageMode.Strict"/> when an owner left rows of a column it
/// wrote unwritten. The commit has completed (the rows were carried) before the exception is thrown.
/// </summary>
public sealed class CoverageException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="gaps">The gaps of the tick.</param>
    public CoverageException(IReadOnlyList<CoverageGap> gaps)
        : base("Coverage gaps in strict mode: " + string.Join("; ", gaps.Select(g => g.ToString())))
    {
        Gaps = gaps.ToArray();
    }

    /// <summary>The gaps of the tick.</summary>
    public IReadOnlyList<CoverageGap> Gaps { get; }
}
