namespace Prom.Ecs;

/// <summary>
/// Holds one world resource. The box never moves or is replaced once created, so <see cref="World.Resource{T}"/> can
/// hand out a <c>ref</c> to <see cref="Value"/> that stays valid for the world's lifetime.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
internal sealed class ResourceBox<T>
{
    /// <summary>The resource (a field, so it can be returned by reference).</summary>
    internal T Value = default!;
}
