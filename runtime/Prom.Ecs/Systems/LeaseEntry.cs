using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>
/// The lease state of one component in one world, reused by every lease of it (so leasing allocates only the
/// <see cref="ColumnLease{T}"/> handle): who holds it, and the chunks (with their row offsets) it covers.
/// </summary>
internal sealed class LeaseEntry
{
    internal LeaseEntry(int componentId, string componentName)
    {
        ComponentId = componentId;
        ComponentName = componentName;
    }

    internal int ComponentId { get; }

    internal string ComponentName { get; }

    /// <summary>The owner holding the live lease, or null when free.</summary>
    internal OwnerToken? Holder { get; set; }

    /// <summary>Incremented by every lease and every release, so a disposed handle can never touch a later lease.</summary>
    internal int Generation { get; set; }

    /// <summary>Chunks with rows, in storage order (archetypes in creation order, then chunks).</summary>
    internal List<Chunk> Chunks { get; } = new();

    /// <summary>The component's slot in each chunk's archetype.</summary>
    internal List<int> Slots { get; } = new();

    /// <summary>The lease-wide row index of each chunk's row 0.</summary>
    internal List<int> Offsets { get; } = new();

    /// <summary>Rows in all chunks.</summary>
    internal int RowCount { get; set; }
}
