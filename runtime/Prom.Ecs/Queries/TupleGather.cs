namespace Prom.Ecs;

/// <summary>
/// Reads one component of a row for the tuple enumerators. <see cref="Bind"/> resolves the component's leaf columns
/// once per chunk (the enumerators rebind when the row enumerator enters a new chunk), so a row costs only the leaf
/// loads.
/// </summary>
internal static unsafe class TupleGather
{
    /// <summary>The <c>prev</c> column pointers of component <paramref name="id"/>'s leaves in <paramref name="chunk"/>.</summary>
    internal static nint* Bind(Chunk chunk, int id, Entity firstEntity)
    {
        Archetype archetype = chunk.Archetype;
        archetype.World.CheckReadable(id, "Tuples");
        int slot = archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(firstEntity, archetype.World.InfoOf(id), "Tuples");
        }

        // The pointer array itself stays put for the whole tick (a commit exchanges its entries, after the query).
        return chunk.PrevColumns + archetype.FirstLeaf[slot];
    }
}
