using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// One chunk of a query: the per-chunk mode. Get column spans with <see cref="Read{T}"/> (the <c>prev</c> columns) or
/// <see cref="Write{T}"/> (<c>prev</c> and <c>next</c> columns of an owned component). With a <c>Changed</c> filter
/// only the rows where <see cref="IsSelected"/> is true were selected; spans still cover every row of the chunk.
/// </summary>
[DebuggerDisplay("QueryChunk {Count} rows")]
public readonly unsafe struct QueryChunk
{
    private readonly int[]? _changedSlots;

    internal QueryChunk(Chunk chunk, int[]? changedSlots)
    {
        Chunk = chunk;
        _changedSlots = changedSlots;
    }

    internal Chunk Chunk { get; }

    /// <summary>The number of rows in the chunk (every span has this length).</summary>
    public int Count => Chunk.Count;

    /// <summary>The entity of every row.</summary>
    public ReadOnlySpan<Entity> Entities => new(Chunk.Entities, 0, Chunk.Count);

    /// <summary>True when the query has a <c>Changed</c> filter and only some rows are selected.</summary>
    public bool HasRowFilter => _changedSlots is not null;

    /// <summary>True when the row is selected by the query (always, without a <c>Changed</c> filter).</summary>
    /// <param name="row">A row in [0, <see cref="Count"/>).</param>
    public bool IsSelected(int row) => (SelectedWord(row >> 6) & (1UL << row)) != 0;

    /// <summary>The selection bits of rows [64·<paramref name="word"/>, 64·<paramref name="word"/> + 64).</summary>
    /// <param name="word">The word index.</param>
    public ulong SelectedWord(int word)
    {
        int count = Chunk.Count;
        if (_changedSlots is null)
        {
            int rest = count - (word << 6);
            return rest >= 64 ? ulong.MaxValue : rest <= 0 ? 0 : (1UL << rest) - 1;
        }

        ulong bits = 0;
        foreach (int slot in _changedSlots)
        {
            bits |= Chunk.VisibleWord(slot, word);
        }

        return bits;
    }

    /// <summary>True when the chunk's archetype has <typeparamref name="T"/> (useful with <c>Any</c> queries).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public bool Has<T>() where T : unmanaged, IStruct<T> => Chunk.Archetype.SlotOf(Chunk.Archetype.World.IdOf<T>()) >= 0;

    /// <summary>The <c>prev</c> columns of <typeparamref name="T"/> in this chunk.</summary>
    /// <typeparam name="T">A component the chunk has.</typeparam>
    /// <exception cref="MissingComponentException">The chunk's archetype has no <typeparamref name="T"/>.</exception>
    /// <remarks>
    /// Inlined, with no call that returns on its path (the id lookup does not register, the checks throw exceptions built
    /// out of line): a writer opened before it keeps its column references in registers through the row loop that
    /// follows, instead of spilling them around a call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ColumnReader<T> Read<T>() where T : unmanaged, IStruct<T>
    {
        Chunk chunk = Chunk;
        World world = chunk.Archetype.World;
        int id = world.RegisteredIdOf<T>();
        int slot = chunk.Archetype.SlotOf(id);
        if (slot < 0)
        {
            throw ColumnChecks.Missing<T>(chunk, "Read");
        }

        world.CheckReadable(id, "Read");
        return new ColumnReader<T>(chunk, slot);
    }

    /// <summary>
    /// Opens the columns of an owned component for writing in this chunk. Every row of the chunk counts as written
    /// (coverage) the moment this is called, so the caller writes every leaf of every row of <c>next</c> (or calls
    /// <see cref="ColumnWriter{T}.CarryAll"/> first), and marks changed rows in bulk.
    /// </summary>
    /// <typeparam name="T">A component the chunk has and <paramref name="owner"/> owns.</typeparam>
    /// <param name="owner">The writer.</param>
    /// <exception cref="OwnershipException"><paramref name="owner"/> does not own <typeparamref name="T"/>.</exception>
    public ColumnWriter<T> Write<T>(OwnerToken owner) where T : unmanaged, IStruct<T>
    {
        int id = owner.World.IdOf<T>();
        int slot = owner.CheckWrite(Chunk, id, WriteKind.Write, 0);
        owner.MarkAllWritten(Chunk, slot);
        return new ColumnWriter<T>(Chunk, slot, owner);
    }
}
