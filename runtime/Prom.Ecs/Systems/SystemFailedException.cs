using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.Ecs;

/// <summary>
/// Thrown by <see cref="Scheduler.TickAsync"/> when one or more systems failed. Commit policy: the batches after the
/// failing one were skipped, the world still committed what the completed systems wrote (so it stays consistent),
/// the effects of the systems that completed ran, the failed systems' effects were dropped; then this exception.
/// </summary>
public sealed class SystemFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tick">The world tick that failed.</param>
    /// <param name="failures">The failed systems in plan order (at least one).</param>
    /// <param name="commitException">An exception of the commit that followed (e.g. a strict-mode coverage error), or null.</param>
    /// <param name="effectException">An exception of the effects that ran after the commit, or null.</param>
    public SystemFailedException(long tick, IReadOnlyList<SystemFailure> failures, Exception? commitException = null, Exception? effectException = null)
        : base(Describe(tick, failures), Inner(failures))
    {
        Tick = tick;
        Failures = failures;
        CommitException = commitException;
        EffectException = effectException;
    }

    /// <summary>The world tick that failed.</summary>
    public long Tick { get; }

    /// <summary>The name of the first failed system (in plan order).</summary>
    public string SystemName => Failures[0].SystemName;

    /// <summary>Every failed system, in plan order.</summary>
    public IReadOnlyList<SystemFailure> Failures { get; }

    /// <summary>An exception thrown by the commit after the failure, or null.</summary>
    public Exception? CommitException { get; }

    /// <summary>An exception thrown by the effects after the commit, or null.</summary>
    public Exception? EffectException { get; }

    private static string Describe(long tick, IReadOnlyList<SystemFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count == 0)
        {
            throw new ArgumentException("At least one failure is required.", nameof(failures));
        }

        if (failures.Count == 1)
        {
            return $"System '{failures[0].SystemName}' failed in tick {tick}: {failures[0].Exception.Message}";
        }

        return $"Systems {string.Join(", ", failures.Select(f => "'" + f.SystemName + "'"))} failed in tick {tick}: "
            + string.Join("; ", failures.Select(f => f.SystemName + ": " + f.Exception.Message));
    }

    private static Exception Inner(IReadOnlyList<SystemFailure> failures) =>
        failures.Count == 1 ? failures[0].Exception : new AggregateException(failures.Select(f => f.Exception));
}
