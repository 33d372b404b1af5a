using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// The write capability of one system. A component has at most one owner (<see cref="World.Own{T}"/>); inside a tick
/// only its owner can write it, through <see cref="Set{T}(Entity, in T)"/>, <see cref="SetIfChanged{T}(Entity, in T)"/>,
/// <see cref="Carry{T}(Entity)"/> or a per-chunk <see cref="QueryChunk.Write{T}"/>. Each owner keeps its own write
/// lists, so owners running on different threads never share mutable state.
/// </summary>
[DebuggerDisplay("Owner {Name,nq}")]
public sealed unsafe class OwnerToken
{
    internal OwnerToken(World world, int id, string name)
    {
        World = world;
        Id = id;
        Name = name;
    }

    /// <summary>The world this owner writes to.</summary>
    public World World { get; }

    /// <summary>The owner's number in its world.</summary>
    public int Id { get; }

    /// <summary>The system's name, used in error messages.</summary>
    public string Name { get; }

    /// <summary>(chunk, slot) pairs this owner wrote this tick: their columns swap at commit.</summary>
    internal List<ChunkSlot> Written { get; } = new();

    /// <summary>(chunk, slot) pairs with rows this owner marked changed this tick.</summary>
    internal List<ChunkSlot> ChangedNext { get; } = new();

    /// <summary>Makes this owner the only writer of <typeparamref name="T"/> (see <see cref="World.Own{T}"/>).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public OwnerToken Own<T>() where T : unmanaged, IStruct<T>
    {
        World.Own<T>(this);
        return this;
    }

    /// <summary>Writes <paramref name="value"/> to <c>next</c> and marks the component changed (visible next tick).</summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="entity">A live entity that has <typeparamref name="T"/>.</param>
    /// <param name="value">The new value.</param>
    public void Set<T>(Entity entity, in T value) where T : unmanaged, IStruct<T>
    {
        int id = World.IdOf<T>();
        Chunk chunk = World.Locate(entity, out int row, "Set");
        T copy = value;
        WriteRow(chunk, row, id, (byte*)&copy, WriteKind.Set);
    }

    /// <summary>
    /// Writes <paramref name="value"/> to <c>next</c>; marks changed only when it differs bitwise from <c>prev</c>,
    /// otherwise it is a carry. Returns true when the value changed.
    /// </summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="entity">A live entity that has <typeparamref name="T"/>.</param>
    /// <param name="value">The new value.</param>
    public bool SetIfChanged<T>(Entity entity, in T value) where T : unmanaged, IStruct<T>
    {
        int id = World.IdOf<T>();
        Chunk chunk = World.Locate(entity, out int row, "SetIfChanged");
        T copy = value;
        return WriteRow(chunk, row, id, (byte*)&copy, WriteKind.SetIfChanged);
    }

    /// <summary>Keeps the value: <c>next = prev</c>, not marked changed.</summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="entity">A live entity that has <typeparamref name="T"/>.</param>
    public void Carry<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        int id = World.IdOf<T>();
        Chunk chunk = World.Locate(entity, out int row, "Carry");
        WriteRow(chunk, row, id, null, WriteKind.Carry);
    }

    /// <summary>As <see cref="Set{T}(Entity, in T)"/> for the row a query is on (no entity lookup).</summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="row">A row from <see cref="Query.Rows"/>.</param>
    /// <param name="value">The new value.</param>
    public void Set<T>(in EntityRow row, in T value) where T : unmanaged, IStruct<T>
    {
        T copy = value;
        WriteRow(row.Chunk, row.Row, World.IdOf<T>(), (byte*)&copy, WriteKind.Set);
    }

    /// <summary>As <see cref="SetIfChanged{T}(Entity, in T)"/> for the row a query is on.</summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="row">A row from <see cref="Query.Rows"/>.</param>
    /// <param name="value">The new value.</param>
    public bool SetIfChanged<T>(in EntityRow row, in T value) where T : unmanaged, IStruct<T>
    {
        T copy = value;
        return WriteRow(row.Chunk, row.Row, World.IdOf<T>(), (byte*)&copy, WriteKind.SetIfChanged);
    }

    /// <summary>As <see cref="Carry{T}(Entity)"/> for the row a query is on.</summary>
    /// <typeparam name="T">An owned component type.</typeparam>
    /// <param name="row">A row from <see cref="Query.Rows"/>.</param>
    public void Carry<T>(in EntityRow row) where T : unmanaged, IStruct<T> =>
        WriteRow(row.Chunk, row.Row, World.IdOf<T>(), null, WriteKind.Carry);

    /// <summary>The common write path: ownership, coverage and double-write bookkeeping, the write, changed.</summary>
    internal bool WriteRow(Chunk chunk, int row, int componentId, byte* value, WriteKind kind)
    {
        int slot = CheckWrite(chunk, componentId, kind, row);
        Archetype archetype = chunk.Archetype;
        MarkWritten(chunk, slot, row, kind);
        bool inPlace = World.IsInPlace(componentId);
        if (kind == WriteKind.Carry)
        {
            // In place the row already holds its value.
            if (!inPlace)
            {
                chunk.CarryRow(slot, row);
            }

            return false;
        }

        ComponentInfo info = archetype.Components[slot];
        int first = archetype.FirstLeaf[slot];
        if (kind == WriteKind.SetIfChanged && info.LeavesEqual(value, chunk.PrevColumns + first, row))
        {
            if (!inPlace)
            {
                chunk.CarryRow(slot, row);
            }

            return false;
        }

        info.Scatter(value, (inPlace ? chunk.PrevColumns : chunk.NextColumns) + first, row);
        MarkChanged(chunk, slot, row);
        return true;
    }

    /// <summary>Checks tick, ownership and presence; returns the component's slot in the chunk's archetype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int CheckWrite(Chunk chunk, int componentId, WriteKind kind, int row)
    {
        if (!World.InTick || World.OwnerIdOf(componentId) != Id)
        {
            ThrowCannotWrite(componentId, kind, chunk.Entities[row]);
        }

        int slot = chunk.Archetype.SlotOf(componentId);
        if (slot < 0)
        {
            throw new MissingComponentException(chunk.Entities[row], World.InfoOf(componentId), WriteKindNames.Of(kind));
        }

        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void MarkWritten(Chunk chunk, int slot, int row, WriteKind kind)
    {
        if (chunk.AllWritten[slot])
        {
            // A per-chunk write already covers every row of this chunk this tick.
            ReportDoubleWrite(chunk, slot, row, kind);
            return;
        }

        int offset = chunk.WrittenOffset(slot);
        ref ulong word = ref chunk.Bits[offset + (row >> 6)];
        ulong bit = 1UL << row;
        if ((word & bit) != 0)
        {
            ReportDoubleWrite(chunk, slot, row, kind);
        }

        word |= bit;
        chunk.RowsWritten[slot] = true;
        if (!chunk.WrittenListed[slot])
        {
            chunk.WrittenListed[slot] = true;
            Written.Add(new ChunkSlot(chunk, slot));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void MarkChanged(Chunk chunk, int slot, int row)
    {
        if (chunk.NextAllChanged(slot))
        {
            return; // already every row, and a flagged set keeps its words clear
        }

        chunk.Bits[chunk.NextOffset(slot) + (row >> 6)] |= 1UL << row;
        if (!chunk.NextListed[slot])
        {
            chunk.NextListed[slot] = true;
            ChangedNext.Add(new ChunkSlot(chunk, slot));
        }
    }

    /// <summary>ORs one word of rows into the next-changed bitset (bits must lie inside the chunk's live rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void MarkChangedWord(Chunk chunk, int slot, int word, ulong rows)
    {
        if (chunk.NextAllChanged(slot))
        {
            return;
        }

        chunk.Bits[chunk.NextOffset(slot) + word] |= rows;
        if (!chunk.NextListed[slot])
        {
            chunk.NextListed[slot] = true;
            ChangedNext.Add(new ChunkSlot(chunk, slot));
        }
    }

    /// <summary>
    /// ORs a chunk's words of rows into its next-changed bitset; bits at or past <paramref name="count"/> are dropped.
    /// When every live row is set and nothing was marked in the chunk before, the set gets the "all changed" flag
    /// instead (no words written now, none cleared when the set is retired): a generated per-entity system whose update
    /// changes every row pays one flag per chunk.
    /// </summary>
    internal void MarkChangedWords(Chunk chunk, int slot, ReadOnlySpan<ulong> words, int count)
    {
        if (words.Length == 0 || chunk.NextAllChanged(slot))
        {
            return;
        }

        int last = words.Length - 1;
        int rest = count - (last << 6);
        ulong liveTail = rest >= 64 ? ulong.MaxValue : (1UL << rest) - 1;
        ulong tail = words[last] & liveTail;
        ulong all = tail | ~liveTail;
        for (int w = 0; w < last; w++)
        {
            all &= words[w];
        }

        if (all == ulong.MaxValue && !chunk.NextListed[slot])
        {
            chunk.SetNextAllChanged(slot);
            chunk.NextListed[slot] = true;
            ChangedNext.Add(new ChunkSlot(chunk, slot));
            return;
        }

        ulong* bits = chunk.Bits + chunk.NextOffset(slot);
        ulong any = 0;
        for (int w = 0; w < last; w++)
        {
            bits[w] |= words[w];
            any |= words[w];
        }

        bits[last] |= tail;
        any |= tail;
        if (any != 0 && !chunk.NextListed[slot])
        {
            chunk.NextListed[slot] = true;
            ChangedNext.Add(new ChunkSlot(chunk, slot));
        }
    }

    /// <summary>Marks rows [start, start + count) changed.</summary>
    internal void MarkChangedRange(Chunk chunk, int slot, int start, int count)
    {
        if (count <= 0 || chunk.NextAllChanged(slot))
        {
            return;
        }

        RowBits.SetRange(chunk.Bits, chunk.NextOffset(slot), start, count);
        if (!chunk.NextListed[slot])
        {
            chunk.NextListed[slot] = true;
            ChangedNext.Add(new ChunkSlot(chunk, slot));
        }
    }

    /// <summary>
    /// Marks every row of the chunk changed. When the slot's next set has no bits yet (nothing marked this tick, so its
    /// words are clear) that is one flag: no words filled now, none cleared when the commit after next retires the set.
    /// Otherwise the words are filled as a range.
    /// </summary>
    internal void MarkAllChanged(Chunk chunk, int slot)
    {
        int count = chunk.Count;
        if (count <= 0 || chunk.NextAllChanged(slot))
        {
            return;
        }

        if (chunk.NextListed[slot])
        {
            // Rows were marked one by one before: the words hold bits, so a flag would break "flagged means clear words".
            RowBits.SetRange(chunk.Bits, chunk.NextOffset(slot), 0, count);
            return;
        }

        chunk.SetNextAllChanged(slot);
        chunk.NextListed[slot] = true;
        ChangedNext.Add(new ChunkSlot(chunk, slot));
    }

    /// <summary>
    /// Marks every live row of the chunk written (a per-chunk write) with one flag, no bit per row; reports a double
    /// write if any row already was written this tick.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void MarkAllWritten(Chunk chunk, int slot)
    {
        if (chunk.WrittenListed[slot])
        {
            ReportBulkOverlap(chunk, slot);
        }
        else
        {
            chunk.WrittenListed[slot] = true;
            Written.Add(new ChunkSlot(chunk, slot));
        }

        chunk.AllWritten[slot] = true;
    }

    /// <summary>A per-chunk write of a (chunk, slot) this owner already wrote this tick: report the first row written twice.</summary>
    private void ReportBulkOverlap(Chunk chunk, int slot)
    {
        int already = chunk.AllWritten[slot] ? (chunk.Count > 0 ? 0 : -1) : RowBits.FirstSet(chunk.Bits, chunk.WrittenOffset(slot), chunk.Count);
        if (already >= 0)
        {
            ReportDoubleWrite(chunk, slot, already, WriteKind.Write);
        }
    }

    private void ReportDoubleWrite(Chunk chunk, int slot, int row, WriteKind kind)
    {
        var write = new DoubleWrite(this, chunk.Archetype.Components[slot], chunk.Entities[row], WriteKindNames.Of(kind));
        if (World.Options.Coverage == CoverageMode.Strict)
        {
            throw new DoubleWriteException(write);
        }

        lock (World.Report.SyncRoot)
        {
            World.Report.Doubles.Add(write);
        }
    }

    private void ThrowCannotWrite(int componentId, WriteKind kind, Entity entity)
    {
        ComponentInfo info = World.InfoOf(componentId);
        string operation = WriteKindNames.Of(kind);
        if (!World.InTick)
        {
            throw new InvalidOperationException(
                $"'{Name}' cannot {operation} {info.Name} of {entity} outside a tick: owners write next during a tick; use World.Set for setup.");
        }

        int owner = World.OwnerIdOf(componentId);
        string owned = owner < 0 ? "it has no owner (call World.Own<" + info.Name + ">)" : $"it is owned by '{World.OwnerById(owner).Name}'";
        throw new OwnershipException($"'{Name}' cannot {operation} {info.Name} of {entity}: {owned}.");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
