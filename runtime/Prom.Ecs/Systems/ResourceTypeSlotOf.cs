namespace Prom.Ecs;

/// <summary>The process-wide resource slot of <typeparamref name="T"/> (see <see cref="ResourceTypeSlot"/>).</summary>
/// <typeparam name="T">The resource type.</typeparam>
internal static class ResourceTypeSlot<T>
{
    /// <summary>The slot number, assigned on first use.</summary>
    internal static readonly int Value = ResourceTypeSlot.Next();
}
