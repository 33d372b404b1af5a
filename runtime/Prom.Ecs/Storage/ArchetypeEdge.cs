using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>
/// A cached move between two archetypes (one component added or removed): the target and, computed once, which leaf
/// columns and component slots of a row map to which in the target, so a move is a flat loop of scalar copies with
/// no per-move lookups or allocations.
/// </summary>
internal sealed class ArchetypeEdge
{
    internal ArchetypeEdge(Archetype from, Archetype to, int componentId)
    {
        To = to;
        AddedSlot = to.SlotOf(componentId);
        var columns = new List<ColumnPair>();
        var sizes = new List<int>();
        var sourceSlots = new List<int>();
        var destinationSlots = new List<int>();
        for (int s = 0; s < from.Components.Length; s++)
        {
            int d = to.SlotOf(from.ComponentIds[s]);
            if (d < 0)
            {
                continue;
            }

            sourceSlots.Add(s);
            destinationSlots.Add(d);
            for (int k = 0; k < from.Components[s].LeafCount; k++)
            {
                columns.Add(new ColumnPair(from.FirstLeaf[s] + k, to.FirstLeaf[d] + k));
                sizes.Add(from.LeafSizes[from.FirstLeaf[s] + k]);
            }
        }

        Copy = RowCopy.BySize(columns, sizes);
        SourceSlots = sourceSlots.ToArray();
        DestinationSlots = destinationSlots.ToArray();
    }

    /// <summary>The archetype the edge leads to.</summary>
    internal Archetype To { get; }

    /// <summary>The slot of the added component in <see cref="To"/>, or -1 on a remove edge.</summary>
    internal int AddedSlot { get; }

    /// <summary>The shared leaves (source column → target column), grouped by scalar size for <see cref="RowCopy"/>.</summary>
    internal ColumnPair[][] Copy { get; }

    /// <summary>Per shared component: its slot in the source archetype.</summary>
    internal int[] SourceSlots { get; }

    /// <summary>Per shared component: its slot in the target archetype.</summary>
    internal int[] DestinationSlots { get; }
}
