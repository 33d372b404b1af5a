namespace Prom.Ecs;

/// <summary>One component (by archetype slot) of one chunk: the unit of the write, changed and coverage lists.</summary>
internal readonly struct ChunkSlot
{
    internal ChunkSlot(Chunk chunk, int slot)
    {
        Chunk = chunk;
        Slot = slot;
    }

    internal Chunk Chunk { get; }

    internal int Slot { get; }
}
