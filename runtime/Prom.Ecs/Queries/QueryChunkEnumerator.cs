using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>Allocation-free enumerator of a query's chunks (use with <c>foreach</c>).</summary>
public struct QueryChunkEnumerator
{
    private readonly List<QueryMatch> _matches;
    private int _matchIndex;
    private int _chunkIndex;
    private Archetype? _archetype;
    private int[]? _changedSlots;
    private QueryChunk _current;

    internal QueryChunkEnumerator(List<QueryMatch> matches)
    {
        _matches = matches;
        _matchIndex = -1;
        _chunkIndex = -1;
        _archetype = null;
        _changedSlots = null;
        _current = default;
    }

    /// <summary>The current chunk.</summary>
    public readonly QueryChunk Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly QueryChunkEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next chunk with at least one selected row.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_archetype is not null && ++_chunkIndex < _archetype.UsedChunks)
            {
                Chunk chunk = _archetype.ChunkAt(_chunkIndex);
                if (chunk.Count == 0 || (_changedSlots is not null && !AnyChanged(chunk, _changedSlots)))
                {
                    continue;
                }

                // No software prefetch of the next chunk's columns here: measured, it cost more than it saved (the
                // hardware prefetchers already follow each column stream; see docs/benchmarks.md, session 3).
                _current = new QueryChunk(chunk, _changedSlots);
                return true;
            }

            if (++_matchIndex >= _matches.Count)
            {
                return false;
            }

            QueryMatch match = _matches[_matchIndex];
            _archetype = match.Archetype;
            _changedSlots = match.ChangedSlots;
            _chunkIndex = -1;
        }
    }

    private static bool AnyChanged(Chunk chunk, int[] slots)
    {
        foreach (int slot in slots)
        {
            if (chunk.AnyVisibleChanged(slot))
            {
                return true;
            }
        }

        return false;
    }
}
