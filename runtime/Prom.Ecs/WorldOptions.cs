using System;

namespace Prom.Ecs;

/// <summary>Settings of a <see cref="World"/>, fixed when it is created.</summary>
public sealed class WorldOptions
{
    /// <summary>The default number of rows per chunk.</summary>
    public const int DefaultChunkCapacity = 4096;

    /// <summary>The largest <see cref="ChunkCapacity"/> and <see cref="LargeChunkCapacity"/>.</summary>
    public const int MaxChunkCapacity = 16384;

    /// <summary>The number of chunks an archetype fills with <see cref="ChunkCapacity"/> rows before it grows to <see cref="LargeChunkCapacity"/>.</summary>
    public const int ChunksBeforeGrowth = 16;

    private int _chunkCapacity = DefaultChunkCapacity;
    private int? _largeChunkCapacity;

    /// <summary>
    /// Rows per chunk: a multiple of 16 between 16 and 16384; default <see cref="DefaultChunkCapacity"/> (4096).
    /// 4096 rows make a float column 16 KiB (four pages): long enough that a per-chunk SIMD loop streams from memory
    /// almost as fast as one loop over whole arrays (1024-row chunks measured about 1.7x slower at 1M entities, see
    /// docs/benchmarks.md), while an archetype's first chunk costs 32 KiB per float leaf (prev + next). Worlds with
    /// very many small archetypes can lower it; a multiple of 16 keeps whole Vector512s per column.
    /// </summary>
    public int ChunkCapacity
    {
        get => _chunkCapacity;
        set
        {
            if (value < 16 || value > MaxChunkCapacity || value % 16 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ChunkCapacity must be a multiple of 16 between 16 and 16384.");
            }

            _chunkCapacity = value;
        }
    }

    /// <summary>
    /// Rows per chunk of a large archetype: once an archetype has <see cref="ChunksBeforeGrowth"/> (16) chunks of
    /// <see cref="ChunkCapacity"/> rows, the chunks it adds hold this many rows. Default: four times
    /// <see cref="ChunkCapacity"/>, at most <see cref="MaxChunkCapacity"/> (16384 with the default 4096). Small archetypes
    /// keep small chunks (no memory wasted), while an archetype of a million entities walks 74 chunks instead of 245:
    /// every chunk visit costs a query its bookkeeping (ownership check, written and changed flags, the commit's pass), and
    /// a per-chunk SIMD loop over longer columns streams longer (see docs/ecs.md, "Storage"). Set it to
    /// <see cref="ChunkCapacity"/> for chunks of one size. A multiple of 16 between <see cref="ChunkCapacity"/> and
    /// <see cref="MaxChunkCapacity"/>; read after <see cref="ChunkCapacity"/> is set.
    /// </summary>
    public int LargeChunkCapacity
    {
        get => _largeChunkCapacity ?? Math.Min(4 * _chunkCapacity, MaxChunkCapacity);
        set
        {
            if (value < 16 || value > MaxChunkCapacity || value % 16 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "LargeChunkCapacity must be a multiple of 16 between 16 and 16384.");
            }

            _largeChunkCapacity = value;
        }
    }

    /// <summary>
    /// On Linux, back chunk blocks of 4 MiB or more with 2 MiB transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c>;
    /// honoured when <c>/sys/kernel/mm/transparent_hugepage/enabled</c> is <c>madvise</c> or <c>always</c>). Default true:
    /// a loop over a large archetype's columns then needs one TLB entry per 2 MiB instead of one per 4 KiB page. Such a
    /// block is aligned to 2 MiB (up to 2 MiB more address space, not memory), and a huge page is memory as a whole, so
    /// columns nobody touches (the <c>next</c> columns of a component updated in place) count in the process's RSS. Set
    /// false to keep 4 KiB pages.
    /// </summary>
    public bool UseHugePages { get; set; } = true;

    /// <summary>What a commit does with rows an owner left unwritten in a column it wrote; default <see cref="CoverageMode.Carry"/>.</summary>
    public CoverageMode Coverage { get; set; } = CoverageMode.Carry;
}
