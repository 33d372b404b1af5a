using System;

namespace Prom.Ecs;

/// <summary>Thrown when a handle does not name a live entity: the null entity, a destroyed one, or one only reserved by a command buffer.</summary>
public sealed class StaleEntityException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entity">The offending handle.</param>
    /// <param name="message">What was wrong, naming the entity.</param>
    public StaleEntityException(Entity entity, string message) : base(message) => Entity = entity;

    /// <summary>The offending handle.</summary>
    public Entity Entity { get; }
}
