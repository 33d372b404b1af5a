using System.Collections.Generic;

namespace Prom.Bus.InMemory;

/// <summary>The log of one topic-partition: records sorted by offset (gaps where retention or compaction deleted).</summary>
internal sealed class MemoryPartition
{
    /// <summary>Records in ascending offset order.</summary>
    public List<EventRecord> Records { get; } = [];

    /// <summary>Offset the next append gets; the head is <c>NextOffset - 1</c>.</summary>
    public long NextOffset { get; set; } = 1;

    /// <summary>Offset of the last allocated record (0 when empty).</summary>
    public long Head => NextOffset - 1;

    /// <summary>Index of the first record with offset greater than <paramref name="offset"/> (binary search).</summary>
    public int IndexAfter(long offset)
    {
        int lo = 0, hi = Records.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Records[mid].Offset <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
