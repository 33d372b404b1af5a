using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// Copies one row's leaves between chunks with a plan made once per archetype or edge: the leaf columns grouped by
/// scalar size (1, 2, 4, 8 bytes), so each group is a flat typed loop with no size switch and no bounds checks.
/// </summary>
internal static unsafe class RowCopy
{
    /// <summary>Groups column pairs by scalar size: index 0, 1, 2, 3 hold the 1, 2, 4 and 8-byte leaves.</summary>
    internal static ColumnPair[][] BySize(List<ColumnPair> pairs, List<int> sizes)
    {
        var groups = new List<ColumnPair>[4];
        for (int g = 0; g < groups.Length; g++)
        {
            groups[g] = new List<ColumnPair>();
        }

        for (int i = 0; i < pairs.Count; i++)
        {
            groups[GroupOf(sizes[i])].Add(pairs[i]);
        }

        var result = new ColumnPair[4][];
        for (int g = 0; g < groups.Length; g++)
        {
            result[g] = groups[g].ToArray();
        }

        return result;
    }

    /// <summary>
    /// Copies row <paramref name="sourceRow"/> of the source's <c>prev</c> columns into both buffers of row
    /// <paramref name="destinationRow"/> of the destination: the current value becomes both prev and next.
    /// </summary>
    internal static void CopyCurrent(ColumnPair[][] plan, Chunk source, int sourceRow, Chunk destination, int destinationRow)
    {
        nint* from = source.PrevColumns;
        nint* prev = destination.PrevColumns;
        nint* next = destination.NextColumns;
        Copy<byte>(plan[0], from, sourceRow, prev, next, destinationRow);
        Copy<ushort>(plan[1], from, sourceRow, prev, next, destinationRow);
        Copy<uint>(plan[2], from, sourceRow, prev, next, destinationRow);
        Copy<ulong>(plan[3], from, sourceRow, prev, next, destinationRow);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<TScalar>(ColumnPair[] pairs, nint* from, int sourceRow, nint* prev, nint* next, int destinationRow)
        where TScalar : unmanaged
    {
        foreach (ColumnPair pair in pairs)
        {
            TScalar value = ((TScalar*)from[pair.Source])[sourceRow];
            ((TScalar*)prev[pair.Destination])[destinationRow] = value;
            ((TScalar*)next[pair.Destination])[destinationRow] = value;
        }
    }

    private static int GroupOf(int size) => size switch
    {
        1 => 0,
        2 => 1,
        4 => 2,
        _ => 3,
    };
}
