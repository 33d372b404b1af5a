using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// The <c>prev</c> and <c>next</c> columns of one owned component in one chunk, opened by
/// <see cref="QueryChunk.Write{T}"/>. Every row already counts as written; write every leaf of every row of
/// <c>next</c> (or <see cref="CarryAll"/> first) and mark changed rows with <see cref="MarkChanged"/>,
/// <see cref="MarkChangedRange"/>, <see cref="MarkChangedWord"/> or <see cref="MarkAllChanged"/>. Changed marks are
/// recorded at once (O(rows marked)). A writer belongs to the tick it was opened in: once that tick has ended every
/// member but <see cref="Count"/> and <see cref="Entities"/> throws <see cref="InvalidOperationException"/> (a tick
/// stamp compare per call), so a writer kept in a field cannot write into a later tick. When the component is updated
/// in place (<see cref="World.UpdateInPlace{T}"/>), <c>Next</c> is the same memory as <c>Prev</c>.
/// </summary>
/// <typeparam name="T">The component type.</typeparam>
public readonly unsafe struct ColumnWriter<T> where T : unmanaged, IStruct<T>
{
    private readonly Chunk _chunk;
    private readonly int _slot;
    private readonly int _first;
    private readonly int _leafCount;
    private readonly OwnerToken _owner;

    /// <summary>The tick this writer was opened in (<see cref="World.OpenTick"/>).</summary>
    private readonly long _stamp;

    /// <summary>Writes go to the prev columns (the component is updated in place), else to the next columns.</summary>
    private readonly bool _inPlace;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ColumnWriter(Chunk chunk, int slot, OwnerToken owner)
    {
        _chunk = chunk;
        _slot = slot;
        _first = chunk.Archetype.FirstLeaf[slot];
        _leafCount = chunk.Archetype.Components[slot].LeafCount;
        _owner = owner;
        _stamp = owner.World.OpenTick;
        _inPlace = owner.World.IsInPlace(chunk.Archetype.ComponentIds[slot]);
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

    /// <summary>True when the component is updated in place: <c>Next</c> and <c>Prev</c> are the same memory.</summary>
    public bool IsInPlace
    {
        get
        {
            CheckTick();
            return _inPlace;
        }
    }

    /// <summary>The <c>next</c> column of a leaf: what this tick commits.</summary>
    /// <typeparam name="TScalar">A scalar type of the leaf's size.</typeparam>
    /// <param name="leaf">The leaf index in <c>T.Layout.Leaves</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<TScalar> Next<TScalar>(int leaf) where TScalar : unmanaged =>
        new((void*)WriteColumns[Column<TScalar>(leaf)], _chunk.Count);

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
        ref *(TScalar*)WriteColumns[Column<TScalar>(leaf)];

    /// <summary>Marks one row changed (visible in the next tick).</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkChanged(int row)
    {
        CheckTick();
        if ((uint)row >= (uint)_chunk.Count)
        {
            throw ColumnChecks.BadRow(row, _chunk.Count);
        }

        _owner.MarkChanged(_chunk, _slot, row);
    }

    /// <summary>Marks rows [start, start + count) changed.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    public void MarkChangedRange(int start, int count)
    {
        CheckTick();
        if (start < 0 || count < 0 || start + count > _chunk.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) are outside the chunk's {_chunk.Count} rows.");
        }

        _owner.MarkChangedRange(_chunk, _slot, start, count);
    }

    /// <summary>
    /// Marks the rows of one 64-row word changed: bit <c>i</c> of <paramref name="rows"/> is row
    /// <c>64·<paramref name="word"/> + i</c>; bits past <see cref="Count"/> are ignored. Per-entity loops collect a word
    /// in a register and store it once per 64 rows.
    /// </summary>
    /// <param name="word">The word index, in [0, (Count + 63) / 64).</param>
    /// <param name="rows">The rows to mark.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkChangedWord(int word, ulong rows)
    {
        CheckTick();
        int rest = _chunk.Count - (word << 6);
        if ((uint)word >= (uint)_chunk.WordsPerBitset || rest <= 0)
        {
            throw ColumnChecks.BadWord(word, _chunk.Count);
        }

        if (rows != 0)
        {
            _owner.MarkChangedWord(_chunk, _slot, word, rest >= 64 ? rows : rows & ((1UL << rest) - 1));
        }
    }

    /// <summary>
    /// Marks the rows of every 64-row word of the chunk at once: bit <c>i</c> of <c>words[w]</c> is row
    /// <c>64·w + i</c>; bits past <see cref="Count"/> are ignored. Generated per-entity loops collect the words of a
    /// chunk on the stack and store them with one call per chunk (nothing is listed when no bit is set).
    /// </summary>
    /// <param name="words">One word per 64 rows: <c>(Count + 63) / 64</c> words.</param>
    public void MarkChangedWords(ReadOnlySpan<ulong> words)
    {
        CheckTick();
        int count = _chunk.Count;
        if (words.Length != (count + 63) >> 6)
        {
            throw new ArgumentException($"The chunk has {count} rows, so {(count + 63) >> 6} words, not {words.Length}.", nameof(words));
        }

        _owner.MarkChangedWords(_chunk, _slot, words, count);
    }

    /// <summary>Marks every row changed: one per-chunk flag (no bit per row) when nothing was marked in the chunk before.</summary>
    public void MarkAllChanged()
    {
        CheckTick();
        _owner.MarkAllChanged(_chunk, _slot);
    }

    /// <summary>Copies every row of every leaf from <c>prev</c> to <c>next</c> without marking changed (a bulk carry; nothing to copy in place).</summary>
    public void CarryAll()
    {
        CheckTick();
        if (!_inPlace)
        {
            _chunk.CarryAll(_slot);
        }
    }

    /// <summary>Writes one row's value to <c>next</c> and marks it changed.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    /// <param name="value">The value.</param>
    public void Set(int row, in T value)
    {
        CheckRow(row);
        T copy = value;
        _chunk.Archetype.Components[_slot].Scatter((byte*)&copy, WriteColumns + _first, row);
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
            if (!_inPlace)
            {
                _chunk.CarryRow(_slot, row);
            }

            return false;
        }

        info.Scatter((byte*)&copy, WriteColumns + _first, row);
        _owner.MarkChanged(_chunk, _slot, row);
        return true;
    }

    /// <summary>Copies one row from <c>prev</c> to <c>next</c> without marking changed.</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    public void Carry(int row)
    {
        CheckRow(row);
        if (!_inPlace)
        {
            _chunk.CarryRow(_slot, row);
        }
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
        CheckTick();
        if ((uint)row >= (uint)_chunk.Count)
        {
            throw ColumnChecks.BadRow(row, _chunk.Count);
        }
    }

    /// <summary>The column pointers writes go to: the chunk's next columns, or its prev columns when updated in place.</summary>
    private nint* WriteColumns => _inPlace ? _chunk.PrevColumns : _chunk.NextColumns;

    /// <summary>The tick stamp check: one compare, so a writer kept beyond its tick cannot write into a later one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckTick()
    {
        if (_owner.World.OpenTick != _stamp)
        {
            throw ColumnChecks.StaleWriter<T>(_owner, _stamp);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Column<TScalar>(int leaf) where TScalar : unmanaged
    {
        CheckTick();
        if ((uint)leaf >= (uint)_leafCount || _chunk.Archetype.LeafSizes[_first + leaf] != sizeof(TScalar))
        {
            throw ColumnChecks.BadLeaf<T, TScalar>(leaf, _leafCount);
        }

        return _first + leaf;
    }
}
