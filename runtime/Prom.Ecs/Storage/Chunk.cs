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
/// (rows marked changed during the current tick), and a <i>written</i> set (rows carried or set this tick). A changed
/// set can instead carry an "all changed" flag (every live row, no bits): a per-chunk <c>MarkAllChanged</c> sets one byte
/// instead of filling the words, and the commit that retires it resets the byte instead of clearing them.
/// </remarks>
[DebuggerDisplay("Chunk {IndexInArchetype} of {Archetype}, {Count}/{Capacity} rows")]
internal sealed unsafe class Chunk
{
    /// <summary>Per-slot flag bytes in the header (see the flag properties).</summary>
    private const int FlagsPerSlot = 8;

    /// <summary>
    /// Extra bytes after every column region of a block (nine cache lines), so that the columns one loop streams
    /// together (e.g. x prev, x next, velocity x) do not all sit at the same offset within a 4 KiB page, where loads
    /// and stores falsely alias and compete for the same cache sets.
    /// </summary>
    private const int RegionSkew = 576;

    /// <summary>Alignment and padding of every column, in bytes (one cache line, one Vector512).</summary>
    internal const int ColumnAlignment = 64;

    /// <summary>Blocks of chunks start on a page boundary.</summary>
    private const int PageSize = 4096;


    /// <summary>Keeps the pinned block (header and columns) alive; it is addressed through raw pointers.</summary>
    private readonly byte[] _memory;

    /// <summary>Per slot: which of the two changed bitsets is currently the visible one (false: the first).</summary>
    private readonly bool* _visibleIsSecond;

    /// <summary>
    /// Per changed bitset (two per slot, index <c>2·slot + set</c>): every live row counts as changed, with no bit per row
    /// (<see cref="ColumnWriter{T}.MarkAllChanged"/>). The flag belongs to the bitset, so it moves with the promotion
    /// from next to visible. Invariant: a flagged bitset's words are all clear, so clearing it resets the flag only.
    /// </summary>
    private readonly bool* _allChanged;

    /// <summary>
    /// Creates chunk <paramref name="indexInBlock"/> of a block of <paramref name="blockChunks"/> chunks: its columns
    /// lie in the block's column regions (see <see cref="AllocateBlock"/>), its header (<see cref="HeaderBytes"/>) at
    /// <paramref name="header"/>, its row bitsets (<see cref="BitsetBytes"/>) at <paramref name="bits"/>.
    /// </summary>
    internal Chunk(
        Archetype archetype, int indexInArchetype, Entity[] entities, byte[] memory, byte* blockColumns, int blockChunks, int indexInBlock, byte* header, ulong* bits)
    {
        Archetype = archetype;
        IndexInArchetype = indexInArchetype;
        Capacity = entities.Length;
        Entities = entities;
        WordsPerBitset = (Capacity + 63) >> 6;
        _memory = memory;

        // The header (column pointers and per-slot flags: everything a chunk visit reads) lives in the same pinned block
        // as the columns, and the headers of a block's chunks lie back to back, apart from the row bitsets: a query
        // walking the chunks reads a few adjacent cache lines per chunk in one forward stream, which the hardware
        // prefetchers follow, instead of one scattered miss after another while the column streams saturate memory.
        int capacity = Capacity;
        int[] sizes = archetype.LeafSizes;
        int slots = archetype.Components.Length;
        long pointerBytes = 2L * sizes.Length * sizeof(nint);
        new Span<byte>(header, checked((int)HeaderBytes(archetype))).Clear();
        new Span<byte>(bits, checked((int)BitsetBytes(archetype, capacity))).Clear();
        PrevColumns = (nint*)header;
        NextColumns = PrevColumns + sizes.Length;
        byte* flags = header + pointerBytes;
        VisibleListed = (bool*)flags;
        NextListed = (bool*)(flags + slots);
        WrittenListed = (bool*)(flags + (2 * slots));
        _visibleIsSecond = (bool*)(flags + (3 * slots));
        AllWritten = (bool*)(flags + (4 * slots));
        RowsWritten = (bool*)(flags + (5 * slots));
        _allChanged = (bool*)(flags + (6 * slots));
        Bits = bits;

        // Column-major block: region (leaf j, buffer b) holds that column of every chunk of the block back to back, so
        // a query walking the block's chunks in order reads each column as one long stream (the hardware prefetchers
        // keep running from one chunk into the next instead of restarting per 16 KiB column).
        byte* region = blockColumns;
        for (int j = 0; j < sizes.Length; j++)
        {
            long bytes = AlignUp((long)capacity * sizes[j]);
            PrevColumns[j] = (nint)(region + (indexInBlock * bytes));
            region += (blockChunks * bytes) + RegionSkew;
            NextColumns[j] = (nint)(region + (indexInBlock * bytes));
            region += (blockChunks * bytes) + RegionSkew;
        }
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

    /// <summary>The row bitsets of every slot (see the remarks of the type).</summary>
    internal ulong* Bits { get; }

    /// <summary>Per slot: this (chunk, slot) is in the world's visible-changed list.</summary>
    internal bool* VisibleListed { get; }

    /// <summary>Per slot: this (chunk, slot) is in its owner's next-changed list.</summary>
    internal bool* NextListed { get; }

    /// <summary>Per slot: this (chunk, slot) is in its owner's written list (its columns swap at commit).</summary>
    internal bool* WrittenListed { get; }

    /// <summary>
    /// Per slot: a per-chunk write opened the whole chunk this tick. Then every row counts as written without a bit
    /// per row, so the bulk path touches no bitset (neither when it opens the chunk nor at commit).
    /// </summary>
    internal bool* AllWritten { get; }

    /// <summary>Per slot: at least one bit of the written bitset was set this tick (a row write); cleared at commit.</summary>
    internal bool* RowsWritten { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int VisibleOffset(int slot) => (slot * 3 + (_visibleIsSecond[slot] ? 1 : 0)) * WordsPerBitset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextOffset(int slot) => (slot * 3 + (_visibleIsSecond[slot] ? 0 : 1)) * WordsPerBitset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int WrittenOffset(int slot) => (slot * 3 + 2) * WordsPerBitset;

    /// <summary>Every live row of the slot's visible changed set is changed (one flag, no bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool VisibleAllChanged(int slot) => _allChanged[(slot * 2) + (_visibleIsSecond[slot] ? 1 : 0)];

    /// <summary>Every live row of the slot's next changed set is changed (one flag, no bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool NextAllChanged(int slot) => _allChanged[(slot * 2) + (_visibleIsSecond[slot] ? 0 : 1)];

    /// <summary>Flags the slot's next changed set "all rows changed"; its words must be clear (see <see cref="_allChanged"/>).</summary>
    internal void SetNextAllChanged(int slot) => _allChanged[(slot * 2) + (_visibleIsSecond[slot] ? 0 : 1)] = true;

    /// <summary>Row <paramref name="row"/> is in the slot's visible changed set (its bit, or the all-changed flag).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsVisibleChanged(int slot, int row) =>
        VisibleListed[slot] && (VisibleAllChanged(slot) || RowBits.Get(Bits, VisibleOffset(slot), row));

    /// <summary>The visible changed bits of rows [64·word, 64·word + 64) of a slot; bits at or past <see cref="Count"/> are clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong VisibleWord(int slot, int word)
    {
        if (!VisibleAllChanged(slot))
        {
            return Bits[VisibleOffset(slot) + word];
        }

        int rest = Count - (word << 6);
        return rest >= 64 ? ulong.MaxValue : rest <= 0 ? 0 : (1UL << rest) - 1;
    }

    /// <summary>
    /// Turns a flagged visible set back into bits (rows [0, Count) set, flag cleared) before a structural change edits
    /// single bits of it or appends a row that must not count as changed. Only structural changes, outside ticks, pay this.
    /// </summary>
    internal void ExpandVisibleAllChanged(int slot)
    {
        int index = (slot * 2) + (_visibleIsSecond[slot] ? 1 : 0);
        if (_allChanged[index])
        {
            _allChanged[index] = false;
            RowBits.SetRange(Bits, VisibleOffset(slot), 0, Count);
        }
    }

    /// <summary>Clears the slot's visible changed set: the flag alone when it is flagged (its words are clear), else the words.</summary>
    internal void ClearVisibleChanged(int slot)
    {
        int index = (slot * 2) + (_visibleIsSecond[slot] ? 1 : 0);
        if (_allChanged[index])
        {
            _allChanged[index] = false;
        }
        else
        {
            RowBits.ClearFirst(Bits, VisibleOffset(slot), Capacity);
        }
    }

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

        if (VisibleAllChanged(slot))
        {
            return Count > 0;
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

    /// <summary>
    /// The column bytes of a block of <paramref name="count"/> chunks (a multiple of 64): for every leaf a region of
    /// <c>prev</c> columns and one of <c>next</c> columns, each column padded to 64 bytes, each region followed by
    /// <see cref="RegionSkew"/>.
    /// </summary>
    internal static long BlockColumnBytes(Archetype archetype, int capacity, int count)
    {
        long total = 0;
        foreach (int size in archetype.LeafSizes)
        {
            total += 2L * ((count * AlignUp((long)capacity * size)) + RegionSkew);
        }

        return total;
    }

    /// <summary>
    /// Allocates one pinned block from a 4 KiB boundary — a 2 MiB one for blocks of at least two huge pages when
    /// <paramref name="hugePages"/> is set (<see cref="WorldOptions.UseHugePages"/>), advised to be backed by transparent
    /// huge pages (<see cref="HugePages"/>): first the column regions of its chunks (for every leaf, the <c>prev</c>
    /// columns of all the block's chunks back to back, then all their <c>next</c> columns; <see cref="BlockColumnBytes"/>),
    /// then the chunks' headers, then their row bitsets. Returns the block and its aligned start.
    /// </summary>
    internal static byte[] AllocateBlock(long columnBytes, long headerAndBitsetBytes, bool hugePages, out byte* start)
    {
        long bytes = columnBytes + headerAndBitsetBytes;
        bool huge = hugePages && HugePages.Worth(bytes);
        long alignment = huge ? HugePages.Size : PageSize;
        byte[] memory = GC.AllocateUninitializedArray<byte>(checked((int)(bytes + alignment)), pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
        start = (byte*)((address + alignment - 1) & ~(alignment - 1L));
        if (huge)
        {
            HugePages.Advise(start, bytes);
        }

        return memory;
    }

    /// <summary>The header bytes of one chunk (a multiple of 64): column pointers and per-slot flags.</summary>
    internal static long HeaderBytes(Archetype archetype) =>
        AlignUp((2L * archetype.LeafSizes.Length * sizeof(nint)) + AlignUp8(FlagsPerSlot * (long)archetype.Components.Length));

    /// <summary>The row bitset bytes of one chunk (a multiple of 64): three bitsets per slot.</summary>
    internal static long BitsetBytes(Archetype archetype, int capacity) =>
        AlignUp(3L * archetype.Components.Length * ((capacity + 63) >> 6) * sizeof(ulong));

    private static long AlignUp8(long value) => (value + 7) & ~7L;

    private static long AlignUp(long value) => (value + ColumnAlignment - 1) & ~(ColumnAlignment - 1L);
}
