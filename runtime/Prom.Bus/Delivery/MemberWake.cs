using System;
using System.Collections.Generic;
using System.Threading;

namespace Prom.Bus;

/// <summary>
/// Chooses which subscriptions of a topic new records wake. Waking every member of a competing group for every
/// publish made each of them run a claim transaction of which all but one found nothing (in process, 10 members of one
/// group on SQLite: round trip p50 8–12 ms, against 2 ms with one member). So a competing group wakes at most one
/// member per record, and only members that may wait idle with room in their window
/// (<see cref="Subscription.WantsWake"/>): a member that is not idle claims again before it next waits anyway, and one
/// with a full window claims when an ack frees a slot. A member whose claim the window limited wakes a sibling, so a
/// burst larger than one window still spreads. Ordered members own disjoint partitions: every one of them is woken.
/// </summary>
internal static class MemberWake
{
    private static int s_rotation;

    /// <summary>
    /// Wakes members of <paramref name="subscriptions"/> for <paramref name="records"/> new records (int.MaxValue when
    /// unknown); only those of <paramref name="group"/> when it is set, never <paramref name="except"/>.
    /// </summary>
    public static void Wake(ICollection<Subscription> subscriptions, int records, string? group = null, Subscription? except = null)
    {
        Subscription[] members = [.. subscriptions];
        if (members.Length == 0)
        {
            return;
        }

        // Rotate the starting member so that single records spread over the idle members of a group.
        int start = (int)((uint)Interlocked.Increment(ref s_rotation) % (uint)members.Length);
        Dictionary<string, int>? woken = null;
        for (int k = 0; k < members.Length; k++)
        {
            Subscription s = members[(start + k) % members.Length];
            if (ReferenceEquals(s, except) || (group is not null && !string.Equals(s.Group, group, StringComparison.Ordinal)))
            {
                continue;
            }

            if (s.Options.Ordered)
            {
                s.Wake();
                continue;
            }

            if (!s.WantsWake)
            {
                continue;
            }

            woken ??= new Dictionary<string, int>(StringComparer.Ordinal);
            int n = woken.GetValueOrDefault(s.Group);
            if (n < records)
            {
                woken[s.Group] = n + 1;
                s.Wake();
            }
        }
    }
}
