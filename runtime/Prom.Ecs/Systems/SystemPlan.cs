using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// One system in a <see cref="SchedulePlan"/>: its stage and what it touches. The <c>[System]</c> generator emits it
/// from the run method's signature; the <see cref="Scheduler"/> checks it (two owners of a component, resource
/// conflicts inside a batch) before the first tick.
/// </summary>
[DebuggerDisplay("{Name,nq} ({Stage,nq})")]
public sealed class SystemPlan
{
    /// <summary>Creates a system's plan entry.</summary>
    /// <param name="name">The system's name (unique in the plan).</param>
    /// <param name="stage">The name of the stage it runs in.</param>
    /// <param name="owns">Components it writes (it is their only owner).</param>
    /// <param name="reads">Components it reads (<c>prev</c>).</param>
    /// <param name="resourceReads">Resources it reads.</param>
    /// <param name="resourceWrites">Resources it writes.</param>
    public SystemPlan(string name, string stage, string[] owns, string[] reads, string[] resourceReads, string[] resourceWrites)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        Name = name;
        Stage = stage;
        Owns = owns ?? Array.Empty<string>();
        Reads = reads ?? Array.Empty<string>();
        ResourceReads = resourceReads ?? Array.Empty<string>();
        ResourceWrites = resourceWrites ?? Array.Empty<string>();
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The stage it runs in.</summary>
    public string Stage { get; }

    /// <summary>Components it owns (writes <c>next</c>).</summary>
    public IReadOnlyList<string> Owns { get; }

    /// <summary>Components it reads (<c>prev</c>).</summary>
    public IReadOnlyList<string> Reads { get; }

    /// <summary>Resources it reads.</summary>
    public IReadOnlyList<string> ResourceReads { get; }

    /// <summary>Resources it writes.</summary>
    public IReadOnlyList<string> ResourceWrites { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
