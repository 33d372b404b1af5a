using System;

namespace Prom.Ecs;

/// <summary>Thrown by <see cref="World.Resource{T}"/> when the world has no resource of that type.</summary>
public sealed class MissingResourceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="resourceType">The missing resource type.</param>
    public MissingResourceException(Type resourceType)
        : base($"The world has no {resourceType.Name} resource: call world.SetResource(new {resourceType.Name}(...)) before the first tick (or before the system that reads it runs).")
    {
        ResourceType = resourceType;
    }

    /// <summary>The missing resource type.</summary>
    public Type ResourceType { get; }
}
