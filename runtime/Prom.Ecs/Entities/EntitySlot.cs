namespace Prom.Ecs;

/// <summary>One row of the world's entity table: the current generation of the index and where the entity lives.</summary>
internal struct EntitySlot
{
    /// <summary>The generation of the live or reserved entity, or the generation the next entity of this index gets.</summary>
    internal uint Generation;

    /// <summary>Free, reserved by a command buffer, or alive.</summary>
    internal EntityState State;

    /// <summary>The chunk of a live entity.</summary>
    internal Chunk? Chunk;

    /// <summary>The row in <see cref="Chunk"/>.</summary>
    internal int Row;
}
