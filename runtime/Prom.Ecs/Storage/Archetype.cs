using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Prom.Ecs;

/// <summary>
/// All entities with exactly one set of components, stored in chunks. Chunks [0, <see cref="UsedChunks"/>) hold the
/// entities and all of them except the last are full (removal moves the archetype's last row into the hole), so
/// iteration is dense. Chunks are allocated in blocks (see <see cref="AddChunks"/>); empty trailing blocks are kept up to
/// a bound and freed beyond it (see <see cref="FreeEmptyBlocks"/>).
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
internal sealed unsafe class Archetype
{
    private readonly List<Chunk> _chunks = new();

    /// <summary>The index in <see cref="_chunks"/> of the first chunk of every block, in allocation order.</summary>
    private readonly List<int> _blockStarts = new();

    /// <summary>Every leaf to the same leaf, grouped by size: the plan of the swap-remove's row copy.</summary>
    private readonly ColumnPair[][] _selfCopy;

    /// <summary>The world's list of (chunk, slot) pairs whose visible changed bits may be set (cleared at commit).</summary>
    private readonly List<ChunkSlot> _visibleList;

    internal Archetype(World world, int id, ComponentInfo[] components, List<ChunkSlot> visibleList)
    {
        World = world;
        Id = id;
        _visibleList = visibleList;
        Components = components;
        ComponentIds = new int[components.Length];
        int maxId = -1;
        for (int s = 0; s < components.Length; s++)
        {
            ComponentIds[s] = components[s].Id;
            maxId = Math.Max(maxId, components[s].Id);
        }

        SlotByComponent = new int[maxId + 1];
        SlotByComponent.AsSpan().Fill(-1);
        Mask = new ulong[(maxId + 64) >> 6];
        FirstLeaf = new int[components.Length];
        var sizes = new List<int>();
        for (int s = 0; s < components.Length; s++)
        {
            SlotByComponent[components[s].Id] = s;
            Mask[components[s].Id >> 6] |= 1UL << components[s].Id;
            FirstLeaf[s] = sizes.Count;
            sizes.AddRange(components[s].LeafSizes);
        }

        LeafSizes = sizes.ToArray();
        var self = new List<ColumnPair>();
        for (int j = 0; j < LeafSizes.Length; j++)
        {
            self.Add(new ColumnPair(j, j));
        }

        _selfCopy = RowCopy.BySize(self, sizes);
        AddEdges = Array.Empty<ArchetypeEdge?>();
        RemoveEdges = Array.Empty<ArchetypeEdge?>();
    }

    internal World World { get; }

    internal int Id { get; }

    /// <summary>The components sorted by id; the index in this array is the component's slot in the archetype.</summary>
    internal ComponentInfo[] Components { get; }

    internal int[] ComponentIds { get; }

    /// <summary>Component id → slot, or -1.</summary>
    internal int[] SlotByComponent { get; }

    /// <summary>One bit per component id (no limit on the number of ids).</summary>
    internal ulong[] Mask { get; }

    /// <summary>Per slot: the archetype leaf column of the component's first leaf.</summary>
    internal int[] FirstLeaf { get; }

    /// <summary>Per archetype leaf column: the scalar size in bytes.</summary>
    internal int[] LeafSizes { get; }

    /// <summary>Cached edge: the move to the archetype reached by adding component id <c>i</c> (grown on demand).</summary>
    internal ArchetypeEdge?[] AddEdges;

    /// <summary>Cached edge: the move to the archetype reached by removing component id <c>i</c> (grown on demand).</summary>
    internal ArchetypeEdge?[] RemoveEdges;

    internal int UsedChunks { get; private set; }

    internal int EntityCount { get; private set; }

    internal Chunk ChunkAt(int index) => _chunks[index];

    internal int SlotOf(int componentId) =>
        (uint)componentId < (uint)SlotByComponent.Length ? SlotByComponent[componentId] : -1;

    /// <summary>Appends a row for <paramref name="entity"/> (its values are written by the caller).</summary>
    internal Chunk AllocateRow(Entity entity, out int row)
    {
        Chunk chunk;
        if (UsedChunks > 0 && _chunks[UsedChunks - 1].Count < _chunks[UsedChunks - 1].Capacity)
        {
            chunk = _chunks[UsedChunks - 1];
        }
        else
        {
            if (UsedChunks == _chunks.Count)
            {
                AddChunks();
            }

            chunk = _chunks[UsedChunks++];
        }

        // A visible set flagged "all changed" covers rows [0, Count): turn it into bits before the new row joins it.
        for (int s = 0; s < Components.Length; s++)
        {
            if (chunk.VisibleListed[s])
            {
                chunk.ExpandVisibleAllChanged(s);
            }
        }

        row = chunk.Count++;
        chunk.Entities[row] = entity;
        EntityCount++;
        World.StructureVersion++;
        return chunk;
    }

    /// <summary>
    /// Adds chunks backed by one pinned block. Their rows: <see cref="World.ChunkCapacity"/> for the archetype's first
    /// <see cref="WorldOptions.ChunksBeforeGrowth"/> chunks, then <see cref="World.LargeChunkCapacity"/>. Their number:
    /// as many as hold the rows the archetype already has (1 for a new archetype), up to 16 at a time. Small archetypes
    /// waste no memory; large ones get each column of 16 chunks contiguous in memory (see
    /// <see cref="Chunk.AllocateBlock"/>), which keeps the hardware prefetchers streaming from one chunk into the next,
    /// and fewer, longer chunks, which cuts the per-chunk bookkeeping of every query visit and commit.
    /// </summary>
    private void AddChunks()
    {
        bool large = _chunks.Count >= WorldOptions.ChunksBeforeGrowth;
        int capacity = large ? World.LargeChunkCapacity : World.ChunkCapacity;
        long rows = 0;
        foreach (Chunk existing in _chunks)
        {
            rows += existing.Capacity;
        }

        int count = (int)Math.Clamp(rows / capacity, 1, 16);
        _blockStarts.Add(_chunks.Count);
        long columnBytes = Chunk.BlockColumnBytes(this, capacity, count);
        long headerBytes = Chunk.HeaderBytes(this);
        long bitsetBytes = Chunk.BitsetBytes(this, capacity);
        byte[] memory = Chunk.AllocateBlock(columnBytes, (headerBytes + bitsetBytes) * count, World.Options.UseHugePages, out byte* start);
        byte* headers = start + columnBytes;
        byte* bitsets = headers + (headerBytes * count);

        // The entity arrays first, then the chunk objects back to back: a query visit reads each chunk object, so
        // adjacent objects (not one per 64 KiB array) keep those reads in a forward stream too.
        var entities = new Entity[count][];
        for (int i = 0; i < count; i++)
        {
            entities[i] = new Entity[capacity];
        }

        for (int i = 0; i < count; i++)
        {
            _chunks.Add(new Chunk(this, _chunks.Count, entities[i], memory, start, count, i, headers + (i * headerBytes), (ulong*)(bitsets + (i * bitsetBytes))));
        }
    }

    /// <summary>
    /// Removes a row by moving the archetype's last row into it (values of both buffers and the visible changed bits
    /// move with the entity). Returns the entity that moved into <paramref name="row"/>, or the null entity.
    /// Only called outside a tick, when the next and written bitsets are clear.
    /// </summary>
    internal Entity RemoveRow(Chunk chunk, int row)
    {
        Chunk last = _chunks[UsedChunks - 1];
        int lastRow = last.Count - 1;
        Entity moved = Entity.Null;
        if (last != chunk || lastRow != row)
        {
            moved = last.Entities[lastRow];
            CopyRow(last, lastRow, chunk, row);
        }
        else
        {
            ClearVisibleBits(chunk, row);
        }

        ClearVisibleBits(last, lastRow);
        last.Entities[lastRow] = Entity.Null;
        last.Count--;
        if (last.Count == 0)
        {
            UsedChunks--;
            FreeEmptyBlocks();
        }

        EntityCount--;
        World.StructureVersion++;
        return moved;
    }

    /// <summary>The chunks allocated (used or kept empty for reuse).</summary>
    internal int AllocatedChunks => _chunks.Count;

    /// <summary>
    /// Frees empty trailing blocks while more than <c>max(16, UsedChunks)</c> chunks are empty: an archetype that shrinks
    /// keeps at most as many empty chunks as it uses (or 16), so churn that refills it allocates nothing, while destroying
    /// millions of entities returns all but 16 empty chunks. Blocks are freed from the end, so the used chunks stay at
    /// [0, <see cref="UsedChunks"/>) with unchanged indices; the GC returns a freed block's pinned memory once nothing
    /// refers to its chunks (one still in the world's visible-changed list is cleared and dropped at the next commit).
    /// </summary>
    private void FreeEmptyBlocks()
    {
        while (_blockStarts.Count > 0 && _blockStarts[^1] >= UsedChunks && _chunks.Count - UsedChunks > Math.Max(16, UsedChunks))
        {
            int start = _blockStarts[^1];
            _chunks.RemoveRange(start, _chunks.Count - start);
            _blockStarts.RemoveAt(_blockStarts.Count - 1);
        }
    }

    /// <summary>Copies the current value (into both buffers) and the visible changed bits of one row to another row of this archetype.</summary>
    private void CopyRow(Chunk source, int sourceRow, Chunk destination, int destinationRow)
    {
        // Outside a tick only prev is meaningful (next is rewritten before the next commit exposes it), so the current
        // value goes into both buffers of the new row: half the column reads of copying prev and next separately.
        RowCopy.CopyCurrent(_selfCopy, source, sourceRow, destination, destinationRow);

        for (int s = 0; s < Components.Length; s++)
        {
            // An unlisted slot has no visible bit set (they are cleared when it leaves the list), so nothing to read or clear.
            if (!source.VisibleListed[s] && !destination.VisibleListed[s])
            {
                continue;
            }

            if (source.IsVisibleChanged(s, sourceRow))
            {
                if (destination.VisibleAllChanged(s))
                {
                    continue; // the live destination row is already changed under the flag
                }

                RowBits.Set(destination.Bits, destination.VisibleOffset(s), destinationRow);
                if (!destination.VisibleListed[s])
                {
                    destination.VisibleListed[s] = true;
                    _visibleList.Add(new ChunkSlot(destination, s));
                }
            }
            else
            {
                destination.ExpandVisibleAllChanged(s);
                RowBits.Clear(destination.Bits, destination.VisibleOffset(s), destinationRow);
            }
        }

        destination.Entities[destinationRow] = source.Entities[sourceRow];
    }

    /// <summary>Clears the visible changed bits of the chunk's last row, which is about to be removed.</summary>
    private void ClearVisibleBits(Chunk chunk, int row)
    {
        Debug.Assert(row == chunk.Count - 1, "only the last row is removed");
        for (int s = 0; s < Components.Length; s++)
        {
            // A set flagged "all changed" covers rows [0, Count) and keeps its words clear: once Count drops the removed
            // row is outside it, so there is nothing to clear.
            if (chunk.VisibleListed[s] && !chunk.VisibleAllChanged(s))
            {
                RowBits.Clear(chunk.Bits, chunk.VisibleOffset(s), row);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (int s = 0; s < Components.Length; s++)
        {
            text.Append(s == 0 ? string.Empty : ", ").Append(Components[s].Name);
        }

        return text.Append('}').ToString();
    }
}
