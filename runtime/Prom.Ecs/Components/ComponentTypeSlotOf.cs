namespace Prom.Ecs;

/// <summary>The process-wide slot of <typeparamref name="T"/> (see <see cref="ComponentTypeSlot"/>).</summary>
/// <typeparam name="T">The component type.</typeparam>
internal static class ComponentTypeSlot<T>
{
    /// <summary>The slot number, assigned on first use.</summary>
    internal static readonly int Value = ComponentTypeSlot.Next();
}
