using System.Threading;

namespace Prom.Ecs;

/// <summary>
/// A process-wide number per component type, used only to find the type's per-world id in an array without a
/// dictionary lookup. It is not the component id (ids are per world, in definition order).
/// </summary>
internal static class ComponentTypeSlot
{
    private static int s_next;

    /// <summary>Takes the next process-wide slot number.</summary>
    internal static int Next() => Interlocked.Increment(ref s_next) - 1;
}
