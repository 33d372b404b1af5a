using System;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// A system known by name, with the factory that binds it to a world. The generated <c>PromSystems</c> lists one per
/// <c>[System]</c>; the <see cref="Scheduler"/> calls <see cref="Create"/> once per world, in plan order.
/// </summary>
[DebuggerDisplay("System {Name,nq}")]
public sealed class SystemRegistration
{
    /// <summary>Creates a registration.</summary>
    /// <param name="name">The system's name; it must match one <see cref="SystemPlan.Name"/> of the plan.</param>
    /// <param name="create">Creates the runner from the system's context.</param>
    public SystemRegistration(string name, Func<SystemContext, ISystemRunner> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        Name = name;
        Create = create;
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>Creates the system's runner for one world.</summary>
    public Func<SystemContext, ISystemRunner> Create { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
