using System;

namespace Prom.Ecs;

/// <summary>Settings of a <see cref="World"/>, fixed when it is created.</summary>
public sealed class WorldOptions
{
    /// <summary>The default number of rows per chunk.</summary>
    public const int DefaultChunkCapacity = 1024;

    private int _chunkCapacity = DefaultChunkCapacity;

    /// <summary>
    /// Rows per chunk: a multiple of 16 between 16 and 16384; default <see cref="DefaultChunkCapacity"/> (1024).
    /// 1024 rows make a float column 4 KiB (one page), keep per-chunk overhead (bitsets, loop setup, lookups) under
    /// 1% of the row work, and as a multiple of 16 let a column be processed in whole Vector512s.
    /// </summary>
    public int ChunkCapacity
    {
        get => _chunkCapacity;
        set
        {
            if (value < 16 || value > 16384 || value % 16 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ChunkCapacity must be a multiple of 16 between 16 and 16384.");
            }

            _chunkCapacity = value;
        }
    }

    /// <summary>What a commit does with rows an owner left unwritten in a column it wrote; default <see cref="CoverageMode.Carry"/>.</summary>
    public CoverageMode Coverage { get; set; } = CoverageMode.Carry;
}
