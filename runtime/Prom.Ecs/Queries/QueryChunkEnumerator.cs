using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// Allocation-free enumerator of a query's chunks (use with <c>foreach</c>). Like <see cref="List{T}"/>'s enumerator it
/// is invalidated by a structural change (create, destroy, add, remove, command playback): the next
/// <see cref="MoveNext"/> throws <see cref="InvalidOperationException"/> instead of silently skipping or revisiting rows.
/// Record such changes in a <see cref="CommandBuffer"/> (played back at the end of the tick) or collect the entities first.
/// </summary>
public struct QueryChunkEnumerator
{
    private readonly List<QueryMatch> _matches;
    private readonly World? _world;

    /// <summary>The world's structure version when the enumeration started.</summary>
    private readonly int _version;
    private int _matchIndex;
    private int _chunkIndex;
    private Archetype? _archetype;
    private int[]? _changedSlots;
    private QueryChunk _current;

    internal QueryChunkEnumerator(List<QueryMatch> matches, World world)
    {
        _matches = matches;
        _world = world;
        _version = world.StructureVersion;
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
        CheckVersion();
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

    /// <summary>Throws when the world's entities moved since the enumeration started (one compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly void CheckVersion()
    {
        if (_world is not null && _world.StructureVersion != _version)
        {
            ThrowChanged();
        }
    }

    private static void ThrowChanged() => throw new InvalidOperationException(
        "The world's entities changed (create, destroy, add or remove) while a query was being iterated, so rows would be "
        + "skipped or visited twice. Record the changes in a CommandBuffer (played back when the tick ends), or collect the "
        + "entities first and change them after the loop.");

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
