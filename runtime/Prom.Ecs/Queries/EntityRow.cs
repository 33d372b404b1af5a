using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// One selected row of a query (per-entity mode): read its components, or write owned ones with
/// <see cref="OwnerToken.Set{T}(in EntityRow, in T)"/> without an entity lookup. Bind views with
/// <see cref="QueryChunk"/> accessors for the fastest per-entity loops.
/// </summary>
[DebuggerDisplay("{Entity}")]
public readonly unsafe struct EntityRow
{
    internal EntityRow(Chunk chunk, int row)
    {
        Chunk = chunk;
        Row = row;
    }

    internal Chunk Chunk { get; }

    /// <summary>The row index in its chunk.</summary>
    public int Row { get; }

    /// <summary>The entity stored in this row.</summary>
    public Entity Entity => Chunk.Entities[Row];

    /// <summary>The chunk this row is in (for binding views to its columns).</summary>
    public QueryChunk ChunkView => new(Chunk, null);

    /// <summary>Reads the current (<c>prev</c>) value of a component of this row.</summary>
    /// <typeparam name="T">A component of the row's archetype.</typeparam>
    public T Get<T>() where T : unmanaged, IStruct<T>
    {
        World world = Chunk.Archetype.World;
        int id = world.IdOf<T>();
        world.CheckReadable(id, "Get");
        int slot = Chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(Entity, world.InfoOf(id), "Get");
        }

        T value = default;
        Chunk.Archetype.Components[slot].Gather(Chunk.PrevColumns + Chunk.Archetype.FirstLeaf[slot], Row, (byte*)&value);
        return value;
    }

    /// <summary>True when the row's archetype has <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public bool Has<T>() where T : unmanaged, IStruct<T> => Chunk.Archetype.SlotOf(Chunk.Archetype.World.IdOf<T>()) >= 0;

    /// <summary>True when <typeparamref name="T"/> of this row is in the changed set this tick reads.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public bool IsChanged<T>() where T : unmanaged, IStruct<T>
    {
        int slot = Chunk.Archetype.SlotOf(Chunk.Archetype.World.IdOf<T>());
        return slot >= 0 && Chunk.IsVisibleChanged(slot, Row);
    }
}
