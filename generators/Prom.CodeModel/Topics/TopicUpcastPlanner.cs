using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Decides, across all versions and upcasters of a compilation, how a consumer of each version reads records of the
/// others (for the generator) and which hops lack an upcaster or have two (for the analyzer). A hop N → N+1 is
/// crossed by its <c>[Upcaster]</c>, or, without one, by reading the bytes with version N+1's codec when N+1 is
/// backward compatible (what backward means). A consumer also reads newer versions directly while each newer version
/// is forward compatible. Topics with a duplicate version (PROM0302) get no plan. Results are in a stable order.
/// </summary>
public static class TopicUpcastPlanner
{
    /// <summary>One plan per version that can read at least one other version.</summary>
    public static IReadOnlyList<TopicReadPlan> Plan(IEnumerable<TopicVersionInfo> versions, IReadOnlyList<TopicUpcasterModel> upcasters)
    {
        var plans = new List<TopicReadPlan>();
        foreach (Family family in Families(versions, upcasters))
        {
            foreach (TopicVersionInfo target in family.Versions.Values)
            {
                var paths = new List<TopicReadPath>();
                for (int older = target.Version - 1; older >= 1 && family.CanCross(older); older--)
                {
                    paths.Insert(0, family.PathFrom(older, target.Version));
                }
                for (int newer = target.Version + 1; family.Versions.TryGetValue(newer, out TopicVersionInfo? next) && next.ReadableByPrevious; newer++)
                {
                    paths.Add(new TopicReadPath(newer, target.GeneratedClass, EquatableArray<TopicConversion>.Empty));
                }
                if (paths.Count > 0) plans.Add(new TopicReadPlan(target, paths.ToEquatableArray()));
            }
        }
        return plans;
    }

    /// <summary>Hops without a way across (PROM0308) and second upcasters for one hop (PROM0310).</summary>
    public static IReadOnlyList<TopicUpcastIssue> Check(IEnumerable<TopicVersionInfo> versions, IReadOnlyList<TopicUpcasterModel> upcasters)
    {
        var issues = new List<TopicUpcastIssue>();
        foreach (Family family in Families(versions, upcasters))
        {
            foreach (TopicVersionInfo newer in family.Versions.Values)
            {
                if (!family.Versions.TryGetValue(newer.Version - 1, out TopicVersionInfo? older)) continue; // first version or a gap (PROM0303)
                if (!family.Upcasters.ContainsKey(older.Version) && !newer.ReadsPrevious)
                {
                    issues.Add(new TopicUpcastIssue(TopicUpcastIssueKind.Missing, older, newer, -1, null));
                }
            }
            foreach ((int index, TopicVersionInfo older, TopicVersionInfo newer, string first) in family.Duplicates)
            {
                issues.Add(new TopicUpcastIssue(TopicUpcastIssueKind.Duplicate, older, newer, index, first));
            }
        }
        return issues;
    }

    private static IEnumerable<Family> Families(IEnumerable<TopicVersionInfo> versions, IReadOnlyList<TopicUpcasterModel> upcasters)
    {
        List<TopicVersionInfo> all = versions.ToList();
        var byType = new Dictionary<string, TopicVersionInfo>(StringComparer.Ordinal);
        foreach (TopicVersionInfo version in all) byType[version.PayloadType] = version;

        foreach (IGrouping<string, TopicVersionInfo> topic in all.GroupBy(v => v.TopicName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (topic.Select(v => v.Version).Distinct().Count() != topic.Count()) continue; // PROM0302 explains it
            var family = new Family(topic.ToDictionary(v => v.Version));
            // Ordinal order of the method names decides which of two upcasters for one hop serves it: stable across builds.
            foreach ((TopicUpcasterModel upcaster, int index) in upcasters.Select((u, i) => (u, i)).OrderBy(p => p.u.Method, StringComparer.Ordinal).ThenBy(p => p.i))
            {
                if (!byType.TryGetValue(upcaster.FromType, out TopicVersionInfo? from) || !byType.TryGetValue(upcaster.ToType, out TopicVersionInfo? to)) continue;
                if (from.TopicName != topic.Key || to.TopicName != topic.Key || to.Version != from.Version + 1) continue; // PROM0309 explains it
                if (family.Upcasters.TryGetValue(from.Version, out TopicUpcasterModel? first))
                {
                    family.Duplicates.Add((index, from, to, first.DisplayName));
                }
                else
                {
                    family.Upcasters[from.Version] = upcaster;
                }
            }
            yield return family;
        }
    }

    /// <summary>The versions and upcasters of one topic.</summary>
    private sealed class Family
    {
        public Family(Dictionary<int, TopicVersionInfo> versions) => Versions = new SortedDictionary<int, TopicVersionInfo>(versions);

        public SortedDictionary<int, TopicVersionInfo> Versions { get; }

        /// <summary>Upcaster per hop, keyed by the hop's older version.</summary>
        public Dictionary<int, TopicUpcasterModel> Upcasters { get; } = new();

        public List<(int Index, TopicVersionInfo Older, TopicVersionInfo Newer, string First)> Duplicates { get; } = new();

        /// <summary>Whether the hop from <paramref name="older"/> to the next version can be crossed.</summary>
        public bool CanCross(int older) =>
            Versions.ContainsKey(older) && Versions.TryGetValue(older + 1, out TopicVersionInfo? newer) &&
            (Upcasters.ContainsKey(older) || newer.ReadsPrevious);

        /// <summary>Read the bytes of <paramref name="written"/> and convert hop by hop up to <paramref name="target"/>.</summary>
        public TopicReadPath PathFrom(int written, int target)
        {
            // Without an upcaster on the first hop, a newer codec reads the old bytes directly: the next version (it is
            // backward compatible), or a later one whose mode is backward transitive (checked against every earlier version).
            int readAs = written;
            if (!Upcasters.ContainsKey(written))
            {
                readAs = written + 1;
                for (int k = written + 2; k <= target && !Upcasters.ContainsKey(k - 1); k++)
                {
                    if (Versions[k].Compatibility is Compatibility.BackwardTransitive or Compatibility.FullTransitive) readAs = k;
                }
            }

            var conversions = new List<TopicConversion>();
            for (int hop = readAs; hop < target; hop++)
            {
                conversions.Add(Upcasters.TryGetValue(hop, out TopicUpcasterModel? upcaster)
                    ? new TopicConversion(upcaster.Method, null, null)
                    : new TopicConversion(null, Versions[hop].GeneratedClass, Versions[hop + 1].GeneratedClass));
            }
            return new TopicReadPath(written, Versions[readAs].GeneratedClass, conversions.ToEquatableArray());
        }
    }
}
