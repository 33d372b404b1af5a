namespace Prom.Ecs;

/// <summary>A row written twice in one tick; the later write won.</summary>
/// <param name="Owner">The writer.</param>
/// <param name="Component">The component.</param>
/// <param name="Entity">The entity whose row was written again.</param>
/// <param name="Operation">The second write: Set, SetIfChanged, Carry or Write (a per-chunk write).</param>
public readonly record struct DoubleWrite(OwnerToken Owner, ComponentInfo Component, Entity Entity, string Operation)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Owner.Name} wrote {Component.Name} of {Entity} twice in one tick ({Operation})";
}
