using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// A range of rows of a <see cref="ColumnLease{T}"/> (lease-wide row numbers). Shards from
/// <see cref="ColumnLease{T}.Shards"/> are disjoint, cover every row, and start on a 64-row boundary inside their
/// chunk, so jobs on different shards never share a word of the changed bitsets.
/// </summary>
[DebuggerDisplay("Shard {Index}: rows [{Start}, {Start + Count})")]
public readonly struct LeaseShard
{
    internal LeaseShard(int index, int start, int count)
    {
        Index = index;
        Start = start;
        Count = count;
    }

    /// <summary>The shard's number, from 0.</summary>
    public int Index { get; }

    /// <summary>The first lease-wide row.</summary>
    public int Start { get; }

    /// <summary>The number of rows (may be 0 when there are fewer rows than shards).</summary>
    public int Count { get; }
}
