using System;
using System.Collections.Generic;

namespace Prom;

/// <summary>
/// The scheduler's access rule (DESIGN §4): every component has at most one owner, and a system that writes a resource
/// conflicts with every system that reads or writes it (owners never conflict: they read prev and write disjoint next
/// columns). This one file is compiled into both the code model (netstandard2.0: <c>SchedulePlanner</c>, which reports
/// PROM0201 and orders conflicting systems into different batches) and the ECS runtime (<c>PlanValidator</c>, which
/// checks a plan built by hand or by an older generator), so the plan the generator emits and the check it must pass
/// at run time cannot disagree.
/// </summary>
internal static class AccessConflicts
{
    /// <summary>
    /// The owner of each component (the first of <paramref name="count"/> systems, in order, that owns it), adding to
    /// <paramref name="twice"/> every later system that owns it too. A system that lists a component twice is still
    /// its only owner.
    /// </summary>
    /// <param name="count">How many systems.</param>
    /// <param name="owns">The components system <c>i</c> owns.</param>
    /// <param name="twice">Receives (component, first owner, second owner) by system index.</param>
    public static Dictionary<string, int> Owners(
        int count,
        Func<int, IEnumerable<string>> owns,
        List<(string Component, int First, int Second)> twice)
    {
        var ownerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            foreach (string component in owns(i))
            {
                if (!ownerOf.TryGetValue(component, out int owner))
                {
                    ownerOf.Add(component, i);
                }
                else if (owner != i)
                {
                    twice.Add((component, owner, i));
                }
            }
        }

        return ownerOf;
    }

    /// <summary>
    /// Every resource systems A and B conflict on, once each, in a stable order (A's writes first, then B's writes
    /// that A reads): <c>AWrites</c>/<c>BWrites</c> say which of the two write it (at least one does; the other reads
    /// it when it does not write it).
    /// </summary>
    public static List<(string Resource, bool AWrites, bool BWrites)> Resources(
        IReadOnlyList<string> aReads,
        IReadOnlyList<string> aWrites,
        IReadOnlyList<string> bReads,
        IReadOnlyList<string> bWrites)
    {
        var conflicts = new List<(string, bool, bool)>();
        foreach (string written in aWrites)
        {
            bool bWritesIt = Contains(bWrites, written);
            if (bWritesIt || Contains(bReads, written)) conflicts.Add((written, true, bWritesIt));
        }

        foreach (string written in bWrites)
        {
            if (!Contains(aWrites, written) && Contains(aReads, written)) conflicts.Add((written, false, true));
        }

        return conflicts;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
