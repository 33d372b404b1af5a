using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>The entity table: index + generation handles, a LIFO free list, reservations for command buffers.</summary>
public sealed partial class World
{
    private readonly object _entityLock = new();
    private EntitySlot[] _slots = new EntitySlot[64];
    private int _slotCount;
    private int[] _free = new int[64];
    private int _freeCount;
    private int _aliveCount;

    /// <summary>The number of live entities (reserved ones not included).</summary>
    public int EntityCount => _aliveCount;

    /// <summary>True when <paramref name="entity"/> is alive: not null, not destroyed, not only reserved.</summary>
    /// <param name="entity">The handle.</param>
    public bool IsAlive(Entity entity)
    {
        uint index = entity.Index;
        EntitySlot[] slots = _slots;
        return entity.Generation != 0 && index < (uint)_slotCount && slots[index].Generation == entity.Generation
            && slots[index].State == EntityState.Alive;
    }

    /// <summary>Finds the row of a live entity or throws <see cref="StaleEntityException"/> naming it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Chunk Locate(Entity entity, out int row, string operation)
    {
        uint index = entity.Index;
        EntitySlot[] slots = _slots;
        if (index < (uint)_slotCount)
        {
            ref EntitySlot slot = ref slots[index];
            if (slot.Generation == entity.Generation && slot.State == EntityState.Alive && entity.Generation != 0)
            {
                row = slot.Row;
                return slot.Chunk!;
            }
        }

        throw Stale(entity, operation);
    }

    internal StaleEntityException Stale(Entity entity, string operation)
    {
        if (entity.IsNull)
        {
            return new StaleEntityException(entity, $"{operation} on the null entity (default(Entity)).");
        }

        if (entity.Index >= (uint)_slotCount)
        {
            return new StaleEntityException(entity, $"{operation} on {entity}: no entity with index {entity.Index} was ever created in this world.");
        }

        ref EntitySlot slot = ref _slots[entity.Index];
        if (slot.Generation == entity.Generation && slot.State == EntityState.Reserved)
        {
            return new StaleEntityException(entity, $"{operation} on {entity}: the entity is reserved by a command buffer and becomes alive when the tick ends.");
        }

        return new StaleEntityException(
            entity,
            $"{operation} on {entity}: the entity is not alive (stale handle; index {entity.Index} is at generation {slot.Generation}).");
    }

    /// <summary>Takes an index (reusing the most recently freed one) and returns its handle in the given state.</summary>
    /// <remarks>Direct creates run outside ticks on the world's thread; only reservations need <see cref="_entityLock"/>.</remarks>
    private Entity AllocateHandle(EntityState state)
    {
        int index;
        if (_freeCount > 0)
        {
            index = _free[--_freeCount];
        }
        else
        {
            if (_slotCount == _slots.Length)
            {
                var grown = new EntitySlot[_slots.Length * 2];
                Array.Copy(_slots, grown, _slotCount);
                _slots = grown;
            }

            index = _slotCount;
            _slots[index].Generation = 1;
            _slotCount++;
        }

        ref EntitySlot slot = ref _slots[index];
        slot.State = state;
        slot.Chunk = null;
        return new Entity((uint)index, slot.Generation);
    }

    /// <summary>
    /// Marks a destroyed entity's index free with the next generation. An index whose generation reached
    /// <see cref="uint.MaxValue"/> is retired instead: it never goes back on the free list, because wrapping to 1 would
    /// make handles issued 2^32 generations ago valid again. Each retired index costs its slot (16 bytes) forever.
    /// </summary>
    private void FreeHandle(Entity entity)
    {
        // Runs on the world's thread outside ticks (directly or at playback), when no reservation can run concurrently.
        ref EntitySlot slot = ref _slots[entity.Index];
        slot.Chunk = null;
        if (slot.Generation == uint.MaxValue)
        {
            slot.State = EntityState.Retired;
            RetiredIndices++;
            return;
        }

        slot.Generation++;
        slot.State = EntityState.Free;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = (int)entity.Index;
    }

    /// <summary>Indices retired because their generation reached <see cref="uint.MaxValue"/> (never reused).</summary>
    public int RetiredIndices { get; private set; }

    /// <summary>Test hook: sets the generation of a live entity's index, to reach the end of the generation range.</summary>
    internal Entity DangerousSetGeneration(Entity entity, uint generation)
    {
        Locate(entity, out _, "DangerousSetGeneration");
        _slots[entity.Index].Generation = generation;
        return new Entity(entity.Index, generation);
    }

    /// <summary>Reserves a handle for <see cref="CommandBuffer.Create"/>: real and unique at once, alive after playback.</summary>
    internal Entity Reserve()
    {
        // Reservations come from command buffers, possibly from several systems at once: take the lock.
        lock (_entityLock)
        {
            return AllocateHandle(EntityState.Reserved);
        }
    }

    /// <summary>Reserves handles for a command buffer's pool, in free-list order (deterministic on the world's thread).</summary>
    internal void ReserveInto(Span<Entity> handles)
    {
        lock (_entityLock)
        {
            for (int i = 0; i < handles.Length; i++)
            {
                handles[i] = AllocateHandle(EntityState.Reserved);
            }
        }
    }

    /// <summary>True when the handle is reserved and not yet played back.</summary>
    internal bool IsReserved(Entity entity) =>
        !entity.IsNull && entity.Index < (uint)_slotCount && _slots[entity.Index].Generation == entity.Generation
        && _slots[entity.Index].State == EntityState.Reserved;

    /// <summary>Makes a reserved entity alive in the empty archetype (command-buffer playback).</summary>
    internal void MaterializeReserved(Entity entity)
    {
        ref EntitySlot slot = ref _slots[entity.Index];
        Chunk chunk = _emptyArchetype.AllocateRow(entity, out int row);
        slot.State = EntityState.Alive;
        slot.Chunk = chunk;
        slot.Row = row;
        _aliveCount++;
    }

    /// <summary>Records the new row of an entity after a move.</summary>
    private void SetLocation(Entity entity, Chunk chunk, int row)
    {
        ref EntitySlot slot = ref _slots[entity.Index];
        slot.Chunk = chunk;
        slot.Row = row;
    }
}
