using System;

namespace Prom.Ecs;

/// <summary>Thrown when an entity is read or written through a component it does not have.</summary>
public sealed class MissingComponentException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="component">The component it lacks.</param>
    /// <param name="operation">What was attempted (Get, Set, Carry, ...).</param>
    public MissingComponentException(Entity entity, ComponentInfo component, string operation)
        : base($"{operation} {component.Name} of {entity}: the entity has no {component.Name} component.")
    {
        Entity = entity;
        Component = component;
    }

    /// <summary>The entity.</summary>
    public Entity Entity { get; }

    /// <summary>The component it lacks.</summary>
    public ComponentInfo Component { get; }
}
