using System.Threading;

namespace Prom.Ecs;

/// <summary>
/// A process-wide number per resource type, so a world finds its resource in an array without a dictionary lookup.
/// </summary>
internal static class ResourceTypeSlot
{
    private static int s_next;

    /// <summary>Takes the next process-wide slot number.</summary>
    internal static int Next() => Interlocked.Increment(ref s_next) - 1;
}
