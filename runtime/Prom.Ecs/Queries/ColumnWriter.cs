using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// The <c>prev</c> and <c>next</c> columns of one owned component in one chunk, opened by
/// <see cref="QueryChunk.Write{T}"/>. Every row already counts as written; write every leaf of every row of
/// <c>next</c> (or <see cref="CarryAll"/> first) and mark changed rows with <see cref="MarkChanged"/>,
/// <see cref="MarkChangedRange"/> or <see cref="MarkAllChanged"/>. Changed marks are recorded at once (O(rows marked)).
/// </summary>
/// <typeparam name="T">The component type.</typeparam>
public readonly unsafe struct ColumnWriter<T> where T : unmanaged, IStruct<T>
{
    private readonly Chunk _chunk;
    private readonly int _slot;
    private readonly int _first;
    private readonly int _leafCount;
    private readonly OwnerToken _owner;

    internal ColumnWriter(Chunk chunk, int slot, OwnerToken owner)
    {
        _chunk = chunk;
        _slot = slot;
        _first = chunk.Archetype.FirstLeaf[slot];
        _leafCount = chunk.Archetype.Components[slot].LeafCount;
        _owner = owner;
    }

    /// <summary>The number of rows (every span has this length).</summary>
    public int Count => _chunk.Count;

    /// <summary>The entity of every row.</summary>
    public ReadOnlySpan<Entity> Entities => new(_chunk.Entities, 0, _chunk.Count);

    /// <summary>The <c>prev</c> column of a leaf: the values committed by the previous tick.</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index in <c>T.Layout.Leaves</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<TScalar> Prev<TScalar>(int leaf) where TScalar : unmanaged =>
        new((void*)_chunk.PrevColumns[Column<TScalar>(leaf)], _chunk.Count);

    /// <summary>The <c>next</c> column of a leaf: what this tick commits.</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index in <c>T.Layout.Leaves</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<TScalar> Next<TScalar>(int leaf) where TScalar : unmanaged =>
        new((void*)_chunk.NextColumns[Column<TScalar>(leaf)], _chunk.Count);

    /// <summary>A reference to row 0 of a leaf's <c>prev</c> column, for generated views; rows are not bounds-checked.</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly TScalar DangerousGetPrevReference<TScalar>(int leaf) where TScalar : unmanaged =>
        ref *(TScalar*)_chunk.PrevColumns[Column<TScalar>(leaf)];

    /// <summary>A reference to row 0 of a leaf's <c>next</c> column, for generated views; rows are not bounds-checked.</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TScalar DangerousGetNextReference<TScalar>(int leaf) where TScalar : unmanaged =>
        ref *(TScalar*)_chunk.NextColumns[Column<TScalar>(leaf)];

    /// <summary>Marks one row changed (visible in the next tick).</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkChanged(int row)
    {
        if ((uint)row >= (uint)_chunk.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The chunk has {_chunk.Count} rows.");
        }

        _owner.MarkChanged(_chunk, _slot, row);
    }

    /// <summary>Marks rows [start, start + count) changed.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    public void MarkChangedRange(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > _chunk.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) are outside the chunk's {_chunk.Count} rows.");
        }

        _owner.MarkChangedRange(_chunk, _slot, start, count);
    }

    /// <summary>Marks every row changed.</summary>
    public void MarkAllChanged() => _owner.MarkChangedRange(_chunk, _slot, 0, _chunk.Count);

    /// <summary>Copies every row of every leaf from <c>prev</c> to <c>next</c> without marking changed (a bulk carry).</summary>
    public void CarryAll() => _chunk.CarryAll(_slot);

    /// <summary>Writes one row's value to <c>next</c> and marks it changed.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <param name="value">The value.</param>
    public void Set(int row, in T value)
    {
        CheckRow(row);
        T copy = value;
        _chunk.Archetype.Components[_slot].Scatter((byte*)&copy, _chunk.NextColumns + _first, row);
        _owner.MarkChanged(_chunk, _slot, row);
    }

    /// <summary>Writes one row's value to <c>next</c>; marks changed only if it differs bitwise from <c>prev</c>.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <param name="value">The value.</param>
    public bool SetIfChanged(int row, in T value)
    {
        CheckRow(row);
        T copy = value;
        ComponentInfo info = _chunk.Archetype.Components[_slot];
        if (info.LeavesEqual((byte*)&copy, _chunk.PrevColumns + _first, row))
        {
            _chunk.CarryRow(_slot, row);
            return false;
        }

        info.Scatter((byte*)&copy, _chunk.NextColumns + _first, row);
        _owner.MarkChanged(_chunk, _slot, row);
        return true;
    }

    /// <summary>Copies one row from <c>prev</c> to <c>next</c> without marking changed.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    public void Carry(int row)
    {
        CheckRow(row);
        _chunk.CarryRow(_slot, row);
    }

    /// <summary>Reads one row's committed (<c>prev</c>) value.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    public T GetPrev(int row)
    {
        CheckRow(row);
        T value = default;
        _chunk.Archetype.Components[_slot].Gather(_chunk.PrevColumns + _first, row, (byte*)&value);
        return value;
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)_chunk.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The chunk has {_chunk.Count} rows.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Column<TScalar>(int leaf) where TScalar : unmanaged
    {
        if ((uint)leaf >= (uint)_leafCount || _chunk.Archetype.LeafSizes[_first + leaf] != sizeof(TScalar))
        {
            ColumnChecks.ThrowBadLeaf<T, TScalar>(leaf, _leafCount);
        }

        return _first + leaf;
    }
}
