using System;
using System.Collections.Generic;
using System.Numerics;

namespace Prom.Ecs;

/// <summary>
/// A built query. Iterate it in one of three modes, always in chunk order (archetypes in creation order, chunks and
/// rows in storage order): <see cref="Chunks"/> (per-chunk column spans, for SIMD), <see cref="Rows"/> (per-entity
/// rows, with views bound to columns), or <see cref="Tuples{T1}"/> (per-entity value tuples). Enumerators are structs:
/// iterating allocates nothing. Structural changes are deferred during a tick, so the set of rows is stable.
/// </summary>
public sealed class Query
{
    private readonly ulong[] _all;
    private readonly ulong[] _any;
    private readonly ulong[] _none;
    private readonly ulong[] _changed;
    private readonly int[] _changedIds;
    private readonly List<QueryMatch> _matches = new();
    private int _checked;

    internal Query(World world, int[] all, int[] any, int[] none, int[] changed)
    {
        World = world;
        _all = ToMask(all);
        _any = ToMask(any);
        _none = ToMask(none);
        _changed = ToMask(changed);
        _changedIds = changed;
    }

    /// <summary>The world queried.</summary>
    public World World { get; }

    /// <summary>True when the query has a <c>Changed</c> filter.</summary>
    public bool HasChangedFilter => _changedIds.Length > 0;

    /// <summary>Iterates matching chunks that have at least one selected row: the per-chunk span mode.</summary>
    public QueryChunkEnumerator Chunks() => new(Matches, World);

    /// <summary>Iterates selected rows one by one: the per-entity mode (bind views or read values per row).</summary>
    public QueryRowEnumerator Rows() => new(Matches, World);

    /// <summary>Iterates selected rows as value tuples (values read from <c>prev</c>).</summary>
    /// <typeparam name="T1">A component every matching entity has.</typeparam>
    public QueryTupleEnumerator<T1> Tuples<T1>() where T1 : unmanaged, IStruct<T1> => new(Rows(), World);

    /// <summary>Iterates selected rows as value tuples (values read from <c>prev</c>).</summary>
    /// <typeparam name="T1">A component every matching entity has.</typeparam>
    /// <typeparam name="T2">A second component every matching entity has.</typeparam>
    public QueryTupleEnumerator<T1, T2> Tuples<T1, T2>() where T1 : unmanaged, IStruct<T1> where T2 : unmanaged, IStruct<T2> =>
        new(Rows(), World);

    /// <summary>
    /// True when at least one row is selected: stops at the first chunk with a selected row, so it costs one chunk visit
    /// where <see cref="Count"/> walks them all (what generated <c>SkipIfEmpty</c> systems ask every tick).
    /// </summary>
    public bool Any()
    {
        QueryChunkEnumerator chunks = Chunks();
        return chunks.MoveNext();
    }

    /// <summary>The number of selected rows (matching entities, or changed ones with a <c>Changed</c> filter).</summary>
    public int Count()
    {
        int count = 0;
        foreach (QueryChunk chunk in Chunks())
        {
            if (!chunk.HasRowFilter)
            {
                count += chunk.Count;
                continue;
            }

            for (int w = 0, words = (chunk.Count + 63) >> 6; w < words; w++)
            {
                count += BitOperations.PopCount(chunk.SelectedWord(w));
            }
        }

        return count;
    }

    /// <summary>The matching archetypes, brought up to date with archetypes created since the last call.</summary>
    internal List<QueryMatch> Matches
    {
        get
        {
            List<Archetype> archetypes = World.Archetypes;
            while (_checked < archetypes.Count)
            {
                Archetype archetype = archetypes[_checked++];
                if (Matches1(archetype))
                {
                    _matches.Add(new QueryMatch(archetype, ChangedSlots(archetype)));
                }
            }

            return _matches;
        }
    }

    private bool Matches1(Archetype archetype)
    {
        ulong[] mask = archetype.Mask;
        return ContainsAll(mask, _all)
            && (IsEmpty(_any) || Intersects(mask, _any))
            && !Intersects(mask, _none)
            && (IsEmpty(_changed) || Intersects(mask, _changed));
    }

    private int[]? ChangedSlots(Archetype archetype)
    {
        if (_changedIds.Length == 0)
        {
            return null;
        }

        var slots = new List<int>();
        foreach (int id in _changedIds)
        {
            int slot = archetype.SlotOf(id);
            if (slot >= 0 && !slots.Contains(slot))
            {
                slots.Add(slot);
            }
        }

        return slots.ToArray();
    }

    private static ulong[] ToMask(int[] ids)
    {
        int max = -1;
        foreach (int id in ids)
        {
            max = Math.Max(max, id);
        }

        var mask = new ulong[(max + 64) >> 6];
        foreach (int id in ids)
        {
            mask[id >> 6] |= 1UL << id;
        }

        return mask;
    }

    private static bool IsEmpty(ulong[] mask)
    {
        foreach (ulong word in mask)
        {
            if (word != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsAll(ulong[] mask, ulong[] required)
    {
        for (int w = 0; w < required.Length; w++)
        {
            ulong have = w < mask.Length ? mask[w] : 0;
            if ((have & required[w]) != required[w])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Intersects(ulong[] mask, ulong[] other)
    {
        for (int w = 0, n = Math.Min(mask.Length, other.Length); w < n; w++)
        {
            if ((mask[w] & other[w]) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
