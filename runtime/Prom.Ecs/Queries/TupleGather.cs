namespace Prom.Ecs;

/// <summary>Reads one component of a row for the tuple enumerators.</summary>
internal static unsafe class TupleGather
{
    internal static T Read<T>(EntityRow row, int id) where T : unmanaged, IStruct<T>
    {
        Chunk chunk = row.Chunk;
        Archetype archetype = chunk.Archetype;
        int slot = archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(row.Entity, archetype.World.InfoOf(id), "Tuples");
        }

        T value = default;
        archetype.Components[slot].Gather(chunk.PrevColumns + archetype.FirstLeaf[slot], row.Row, (byte*)&value);
        return value;
    }
}
