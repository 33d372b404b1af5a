using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// The <c>prev</c> columns of one component in one chunk: one span per scalar leaf, each <see cref="Count"/> long,
/// 64-byte aligned. These are the primitives generated views and per-chunk loops are built on.
/// </summary>
/// <typeparam name="T">The component type.</typeparam>
public readonly unsafe struct ColumnReader<T> where T : unmanaged, IStruct<T>
{
    private readonly Chunk _chunk;
    private readonly int _first;
    private readonly int _leafCount;
    private readonly ComponentInfo _info;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ColumnReader(Chunk chunk, int slot)
    {
        _chunk = chunk;
        _info = chunk.Archetype.Components[slot];
        _first = chunk.Archetype.FirstLeaf[slot];
        _leafCount = chunk.Archetype.Components[slot].LeafCount;
    }

    /// <summary>The number of rows.</summary>
    public int Count => _chunk.Count;

    /// <summary>The <c>prev</c> column of leaf <paramref name="leaf"/> (the index in <c>T.Layout.Leaves</c>).</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size (e.g. <see cref="float"/> for a 4-byte float leaf).</typeparam>
    /// <param name="leaf">The leaf index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<TScalar> Leaf<TScalar>(int leaf) where TScalar : unmanaged =>
        new((void*)_chunk.PrevColumns[Column<TScalar>(leaf)], _chunk.Count);

    /// <summary>
    /// A reference to row 0 of the <c>prev</c> column of a leaf, for generated views (<c>ref Unsafe.Add(ref r, row)</c>).
    /// No bounds check on the row: the caller keeps it in [0, <see cref="Count"/>).
    /// </summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly TScalar DangerousGetLeafReference<TScalar>(int leaf) where TScalar : unmanaged =>
        ref *(TScalar*)_chunk.PrevColumns[Column<TScalar>(leaf)];

    /// <summary>Reads the whole value of one row (gathering its leaves).</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    public T Get(int row)
    {
        if ((uint)row >= (uint)_chunk.Count)
        {
            throw ColumnChecks.BadRow(row, _chunk.Count);
        }

        T value = default;
        _info.Gather(_chunk.PrevColumns + _first, row, (byte*)&value);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Column<TScalar>(int leaf) where TScalar : unmanaged
    {
        if ((uint)leaf >= (uint)_leafCount || _chunk.Archetype.LeafSizes[_first + leaf] != sizeof(TScalar))
        {
            throw ColumnChecks.BadLeaf<T, TScalar>(leaf, _leafCount);
        }

        return _first + leaf;
    }
}
