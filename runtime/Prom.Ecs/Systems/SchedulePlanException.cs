using System;
using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>Thrown when a <see cref="SchedulePlan"/> (or the registrations given with it) is inconsistent.</summary>
public sealed class SchedulePlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem found, one sentence each.</param>
    public SchedulePlanException(IReadOnlyList<string> problems)
        : base("The schedule plan is invalid:" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each, naming the systems involved.</summary>
    public IReadOnlyList<string> Problems { get; }
}
