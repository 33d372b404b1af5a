using System;

namespace Prom.Ecs;

/// <summary>Reading components (always from <c>prev</c>) and writing them outside a tick.</summary>
public sealed unsafe partial class World
{
    /// <summary>
    /// Reads the current value of a component: the <c>prev</c> buffer. Inside a tick this is the value committed by the
    /// previous tick, whatever any system has written to <c>next</c> since.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    /// <exception cref="StaleEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    public T Get<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>();
        CheckReadable(id, "Get");
        Chunk chunk = Locate(entity, out int row, "Get");
        int slot = chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(entity, _components[id], "Get");
        }

        T value = default;
        _components[id].Gather(chunk.PrevColumns + chunk.Archetype.FirstLeaf[slot], row, (byte*)&value);
        return value;
    }

    /// <summary>
    /// Reads the <c>next</c> buffer of a component: what has been written to it so far this tick, or a stale value
    /// when nobody wrote the row (for a component updated in place: its current value). For diagnostics, tests and
    /// <c>[Current]</c> readers; systems read <see cref="Get{T}"/>.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    public T DangerousGetNext<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>();
        Chunk chunk = Locate(entity, out int row, "DangerousGetNext");
        int slot = chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(entity, _components[id], "DangerousGetNext");
        }

        T value = default;
        _components[id].Gather(WriteColumns(chunk, id) + chunk.Archetype.FirstLeaf[slot], row, (byte*)&value);
        return value;
    }

    /// <summary>Reads a component if the entity is alive and has it.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">Any handle.</param>
    /// <param name="value">The current (<c>prev</c>) value, or default.</param>
    public bool TryGet<T>(Entity entity, out T value) where T : unmanaged, IStruct<T>
    {
        value = default;
        if (!IsAlive(entity))
        {
            return false;
        }

        int id = IdOf<T>();
        CheckReadable(id, "TryGet");
        Chunk chunk = Locate(entity, out int row, "TryGet");
        int slot = chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            return false;
        }

        T read = default;
        _components[id].Gather(chunk.PrevColumns + chunk.Archetype.FirstLeaf[slot], row, (byte*)&read);
        value = read;
        return true;
    }

    /// <summary>True when the live entity has a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    public bool Has<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>();
        return Locate(entity, out _, "Has").Archetype.SlotOf(id) >= 0;
    }

    /// <summary>
    /// Sets a component outside a tick (setup): the value goes into both buffers and is marked changed for the next
    /// tick. Inside a tick write through the owning <see cref="OwnerToken"/> instead.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity that has <typeparamref name="T"/>.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(Entity entity, in T value) where T : unmanaged, IStruct<T>
    {
        if (_inTick)
        {
            throw new InvalidOperationException(
                $"World.Set of {InfoOf<T>().Name} on {entity} inside a tick: write through the owner's token (OwnerToken.Set), which writes next and records changed.");
        }

        int id = IdOf<T>();
        Chunk chunk = Locate(entity, out int row, "Set");
        int slot = chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            throw new MissingComponentException(entity, _components[id], "Set");
        }

        T copy = value;
        int first = chunk.Archetype.FirstLeaf[slot];
        _components[id].Scatter((byte*)&copy, chunk.PrevColumns + first, row);
        _components[id].Scatter((byte*)&copy, chunk.NextColumns + first, row);
        MarkVisibleChanged(chunk, slot, row);
    }

    /// <summary>
    /// True when <typeparamref name="T"/> of the entity is in the changed set this tick reads: it was written with a new
    /// value in the previous tick (or set, added or created since the previous tick ended).
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    public bool IsChanged<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>();
        Chunk chunk = Locate(entity, out int row, "IsChanged");
        int slot = chunk.Archetype.SlotOf(id);
        return slot >= 0 && chunk.IsVisibleChanged(slot, row);
    }
}
