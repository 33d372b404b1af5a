using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Prom.Ecs;

/// <summary>
/// A fixed-capacity block of rows of one archetype. Every scalar leaf of every component has two SoA columns here,
/// <c>prev</c> and <c>next</c>, each 64-byte aligned and padded to a multiple of 64 bytes, in one pinned block.
/// Swapping a component's buffers exchanges the two column pointers; no value is ever copied by a commit.
/// </summary>
/// <remarks>
/// Row bitsets per component slot (each <see cref="WordsPerBitset"/> words): two "changed" sets that alternate
/// between <i>visible</i> (rows written with a new value in the previous tick, read by queries) and <i>next</i>
/// (rows marked changed during the current tick), and a <i>written</i> set (rows carried or set this tick).
/// </remarks>
[DebuggerDisplay("Chunk {IndexInArchetype} of {Archetype}, {Count}/{Capacity} rows")]
internal sealed unsafe class Chunk
{
    /// <summary>Alignment and padding of every column, in bytes (one cache line, one Vector512).</summary>
    internal const int ColumnAlignment = 64;

    /// <summary>Keeps the pinned column memory alive; the columns are addressed through <see cref="PrevColumns"/>.</summary>
    private readonly byte[] _memory;

    /// <summary>Pinned so that <see cref="PrevColumns"/> and <see cref="NextColumns"/> are stable pointers.</summary>
    private readonly nint[] _columnPointers;

    /// <summary>Which of the two changed bitsets of a slot is currently the visible one (false: the first).</summary>
    private readonly bool[] _visibleIsSecond;

    internal Chunk(Archetype archetype, int indexInArchetype, int capacity)
    {
        Archetype = archetype;
        IndexInArchetype = indexInArchetype;
        Capacity = capacity;
        Entities = new Entity[capacity];
        WordsPerBitset = (capacity + 63) >> 6;

        int[] sizes = archetype.LeafSizes;
        long total = ColumnAlignment;
        for (int j = 0; j < sizes.Length; j++)
        {
            total += 2L * AlignUp((long)capacity * sizes[j]);
        }

        _memory = GC.AllocateUninitializedArray<byte>(checked((int)total), pinned: true);
        _columnPointers = GC.AllocateArray<nint>(Math.Max(1, 2 * sizes.Length), pinned: true);
        byte* start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));
        byte* cursor = (byte*)AlignUp((long)start);
        PrevColumns = (nint*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_columnPointers));
        NextColumns = PrevColumns + sizes.Length;
        for (int j = 0; j < sizes.Length; j++)
        {
            long bytes = AlignUp((long)capacity * sizes[j]);
            PrevColumns[j] = (nint)cursor;
            cursor += bytes;
            NextColumns[j] = (nint)cursor;
            cursor += bytes;
        }

        int slots = archetype.Components.Length;
        Bits = new ulong[Math.Max(1, slots * 3 * WordsPerBitset)];
        _visibleIsSecond = new bool[slots];
        VisibleListed = new bool[slots];
        NextListed = new bool[slots];
        WrittenListed = new bool[slots];
    }

    internal Archetype Archetype { get; }

    internal int IndexInArchetype { get; }

    internal int Capacity { get; }

    internal Entity[] Entities { get; }

    /// <summary>The number of rows in use; rows [0, Count) are live.</summary>
    internal int Count;

    /// <summary>The <c>prev</c> column of every leaf of the archetype (index = archetype leaf column).</summary>
    internal nint* PrevColumns { get; }

    /// <summary>The <c>next</c> column of every leaf of the archetype (index = archetype leaf column).</summary>
    internal nint* NextColumns { get; }

    internal int WordsPerBitset { get; }

    internal ulong[] Bits { get; }

    /// <summary>Per slot: this (chunk, slot) is in the world's visible-changed list.</summary>
    internal bool[] VisibleListed { get; }

    /// <summary>Per slot: this (chunk, slot) is in its owner's next-changed list.</summary>
    internal bool[] NextListed { get; }

    /// <summary>Per slot: this (chunk, slot) is in its owner's written list (its columns swap at commit).</summary>
    internal bool[] WrittenListed { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int VisibleOffset(int slot) => (slot * 3 + (_visibleIsSecond[slot] ? 1 : 0)) * WordsPerBitset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextOffset(int slot) => (slot * 3 + (_visibleIsSecond[slot] ? 0 : 1)) * WordsPerBitset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int WrittenOffset(int slot) => (slot * 3 + 2) * WordsPerBitset;

    /// <summary>Makes the next-changed set of a slot the visible one (the old visible set must already be clear).</summary>
    internal void PromoteChanged(int slot) => _visibleIsSecond[slot] = !_visibleIsSecond[slot];

    /// <summary>Exchanges the prev and next column pointers of every leaf of a slot: the commit's reference swap.</summary>
    internal void SwapBuffers(int slot)
    {
        int first = Archetype.FirstLeaf[slot];
        int end = first + Archetype.Components[slot].LeafCount;
        for (int j = first; j < end; j++)
        {
            (PrevColumns[j], NextColumns[j]) = (NextColumns[j], PrevColumns[j]);
        }
    }

    /// <summary>Copies row <paramref name="row"/> of every leaf of a slot from prev to next (a carry).</summary>
    internal void CarryRow(int slot, int row)
    {
        int first = Archetype.FirstLeaf[slot];
        int end = first + Archetype.Components[slot].LeafCount;
        int[] sizes = Archetype.LeafSizes;
        for (int j = first; j < end; j++)
        {
            int size = sizes[j];
            ComponentInfo.CopyScalar((byte*)PrevColumns[j] + (nint)row * size, (byte*)NextColumns[j] + (nint)row * size, size);
        }
    }

    /// <summary>Copies rows [0, Count) of every leaf of a slot from prev to next.</summary>
    internal void CarryAll(int slot)
    {
        int first = Archetype.FirstLeaf[slot];
        int end = first + Archetype.Components[slot].LeafCount;
        int[] sizes = Archetype.LeafSizes;
        for (int j = first; j < end; j++)
        {
            long bytes = (long)Count * sizes[j];
            Buffer.MemoryCopy((void*)PrevColumns[j], (void*)NextColumns[j], bytes, bytes);
        }
    }

    /// <summary>The visible changed bits of a slot hold at least one set bit among live rows.</summary>
    internal bool AnyVisibleChanged(int slot)
    {
        if (!VisibleListed[slot])
        {
            return false;
        }

        int offset = VisibleOffset(slot);
        int words = (Count + 63) >> 6;
        for (int w = 0; w < words; w++)
        {
            if (Bits[offset + w] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The address of the first column byte; used by tests to observe the reference swap.</summary>
    internal nint PrevAddress(int leafColumn) => PrevColumns[leafColumn];

    /// <summary>The address of the first column byte; used by tests to observe the reference swap.</summary>
    internal nint NextAddress(int leafColumn) => NextColumns[leafColumn];

    private static long AlignUp(long value) => (value + ColumnAlignment - 1) & ~(long)(ColumnAlignment - 1);
}
