using System;
using System.Collections.Generic;

namespace Prom.Bus;

/// <summary>
/// Highest-random-weight (rendezvous) assignment of partitions to members: partition p belongs to the member with the
/// largest <c>Weight(member, p)</c>. Every process computes the same owner from the same member list, and a join or
/// leave moves only the partitions the changed member wins or loses.
/// </summary>
public static class RendezvousHash
{
    /// <summary>FNV-1a 64 over the member's UTF-16 code units and the partition, finished with a splitmix64 mix.</summary>
    public static ulong Weight(string member, int partition)
    {
        unchecked
        {
            ulong h = 14695981039346656037UL;
            foreach (char c in member)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            h = (h ^ (uint)partition) * 1099511628211UL;
            h ^= h >> 30;
            h *= 0xbf58476d1ce4e5b9UL;
            h ^= h >> 27;
            h *= 0x94d049bb133111ebUL;
            h ^= h >> 31;
            return h;
        }
    }

    /// <summary>The owner of <paramref name="partition"/>, or null when there are no members. Ties break by ordinal member id.</summary>
    public static string? Owner(IReadOnlyList<string> members, int partition)
    {
        string? best = null;
        ulong bestWeight = 0;
        foreach (string m in members)
        {
            ulong w = Weight(m, partition);
            if (best is null || w > bestWeight || (w == bestWeight && string.CompareOrdinal(m, best) < 0))
            {
                best = m;
                bestWeight = w;
            }
        }

        return best;
    }

    /// <summary>The partitions among <paramref name="partitions"/> that <paramref name="member"/> owns.</summary>
    public static int[] Owned(IReadOnlyList<string> members, string member, int partitions)
    {
        var owned = new List<int>();
        for (int p = 0; p < partitions; p++)
        {
            if (Owner(members, p) == member)
            {
                owned.Add(p);
            }
        }

        return owned.ToArray();
    }
}
