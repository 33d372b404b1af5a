using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>
/// An exclusive lease of every column of one owned component, over all chunks, for jobs on other threads (no copy:
/// the jobs write the chunks' <c>next</c> buffers in place). Made by <see cref="World.LeaseColumns{T}"/>.
/// </summary>
/// <remarks>
/// <para>Like <see cref="QueryChunk.Write{T}"/>, every row counts as written by the owner from the moment the lease is
/// taken: jobs write every leaf of every row of <c>next</c> (or carry it) and mark changed rows; the commit swaps the
/// columns as for any owner write. Other systems keep reading <c>prev</c> meanwhile.</para>
/// <para>Split the rows with <see cref="Shards"/> (disjoint ranges aligned to 64 rows, so jobs never share a word of
/// the changed bitsets) and run them with <see cref="RunShardsAsync"/> or <see cref="Run"/>. Dispose the lease (after
/// its jobs finished) before the system's run completes; the scheduler revokes a leaked lease and fails the system.</para>
/// </remarks>
/// <typeparam name="T">The leased component.</typeparam>
[DebuggerDisplay("ColumnLease<{typeof(T).Name,nq}> held by {Owner.Name,nq}: {Count} rows in {ChunkCount} chunks")]
public sealed class ColumnLease<T> : IDisposable where T : unmanaged, IStruct<T>
{
    private readonly World _world;
    private readonly LeaseEntry _entry;
    private readonly int _generation;

    internal ColumnLease(World world, LeaseEntry entry, OwnerToken owner)
    {
        _world = world;
        _entry = entry;
        _generation = entry.Generation;
        Owner = owner;
        Count = entry.RowCount;
        ChunkCount = entry.Chunks.Count;
    }

    /// <summary>The owner holding the lease.</summary>
    public OwnerToken Owner { get; }

    /// <summary>Rows covered (every entity with <typeparamref name="T"/>).</summary>
    public int Count { get; }

    /// <summary>Chunks covered.</summary>
    public int ChunkCount { get; }

    /// <summary>True until the lease is disposed (or revoked by the scheduler).</summary>
    public bool IsActive => _entry.Holder is not null && _entry.Generation == _generation;

    /// <summary>The columns of chunk <paramref name="chunkIndex"/> (spans cover the whole chunk).</summary>
    /// <param name="chunkIndex">In [0, <see cref="ChunkCount"/>).</param>
    public ColumnWriter<T> Columns(int chunkIndex)
    {
        CheckActive();
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)chunkIndex, (uint)ChunkCount, nameof(chunkIndex));
        return new ColumnWriter<T>(_entry.Chunks[chunkIndex], _entry.Slots[chunkIndex], Owner);
    }

    /// <summary>The lease-wide row number of row 0 of chunk <paramref name="chunkIndex"/>.</summary>
    /// <param name="chunkIndex">In [0, <see cref="ChunkCount"/>).</param>
    public int RowOffset(int chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)chunkIndex, (uint)ChunkCount, nameof(chunkIndex));
        return _entry.Offsets[chunkIndex];
    }

    /// <summary>
    /// Splits the rows into <paramref name="count"/> disjoint shards of about equal size that together cover every
    /// row, in row order. Boundaries are rounded down to a multiple of 64 rows inside their chunk, so some shards may
    /// be empty when there are few rows.
    /// </summary>
    /// <param name="count">The number of shards (at least 1).</param>
    public LeaseShard[] Shards(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckActive();
        var shards = new LeaseShard[count];
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            int end = i == count - 1 ? Count : Math.Max(start, AlignedBoundary((int)((long)Count * (i + 1) / count)));
            shards[i] = new LeaseShard(i, start, end - start);
            start = end;
        }

        return shards;
    }

    /// <summary>Runs <paramref name="action"/> on this thread for every chunk part of <paramref name="shard"/>.</summary>
    /// <param name="shard">A shard from <see cref="Shards"/>.</param>
    /// <param name="action">The job.</param>
    public void Run(LeaseShard shard, LeaseRangeAction<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CheckActive();
        int end = shard.Start + shard.Count;
        for (int c = ChunkContaining(shard.Start); c < ChunkCount && shard.Count > 0; c++)
        {
            int offset = _entry.Offsets[c];
            if (offset >= end)
            {
                break;
            }

            int rows = _entry.Chunks[c].Count;
            int from = Math.Max(shard.Start, offset);
            int to = Math.Min(end, offset + rows);
            if (from < to)
            {
                action(new ColumnWriter<T>(_entry.Chunks[c], _entry.Slots[c], Owner), from - offset, to - from);
            }
        }
    }

    /// <summary>
    /// Splits the rows into <paramref name="shardCount"/> shards and runs them in parallel on the thread pool (shard 0
    /// on the calling thread); completes when all are done. Results are identical to running the shards one after
    /// the other, as long as each job writes only its own rows.
    /// </summary>
    /// <param name="shardCount">The number of shards (e.g. <see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="action">The job, called once per chunk part of every shard.</param>
    /// <param name="cancellationToken">Stops shards that have not started.</param>
    public async Task RunShardsAsync(int shardCount, LeaseRangeAction<T> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        LeaseShard[] shards = Shards(shardCount);
        if (shardCount == 1)
        {
            Run(shards[0], action);
            return;
        }

        var jobs = new Task[shardCount - 1];
        for (int i = 1; i < shardCount; i++)
        {
            LeaseShard shard = shards[i];
            jobs[i - 1] = Task.Run(() => Run(shard, action), cancellationToken);
        }

        try
        {
            Run(shards[0], action);
        }
        finally
        {
            // Never return (and let the lease be disposed) while a job may still write.
            await Task.WhenAll(jobs).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the lease (a no-op when already released or revoked).</summary>
    public void Dispose() => _world.ReleaseLease(_entry, _generation);

    private void CheckActive()
    {
        if (!IsActive)
        {
            throw new ObjectDisposedException(nameof(ColumnLease<T>), $"The lease of {_entry.ComponentName} held by '{Owner.Name}' was disposed or revoked.");
        }
    }

    /// <summary>The lease-wide row <paramref name="row"/> rounded down to a multiple of 64 inside its chunk.</summary>
    private int AlignedBoundary(int row)
    {
        if (row >= Count)
        {
            return Count;
        }

        int c = ChunkContaining(row);
        int offset = _entry.Offsets[c];
        return offset + ((row - offset) & ~63);
    }

    /// <summary>The chunk holding lease-wide row <paramref name="row"/> (binary search over the offsets).</summary>
    private int ChunkContaining(int row)
    {
        int low = 0;
        int high = ChunkCount - 1;
        while (low < high)
        {
            int mid = (low + high + 1) >> 1;
            if (_entry.Offsets[mid] <= row)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
