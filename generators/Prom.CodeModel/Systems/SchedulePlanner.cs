using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Systems;

/// <summary>
/// Computes the static schedule: which stage each system runs in and, within a stage, batches of systems that may run
/// together. Owners never conflict (they read prev and write disjoint next columns); a resource writer conflicts with
/// its readers and other writers; Before/After and [Current] reads (owner first) add edges; batch(u) &lt; batch(v) for
/// every edge. Without constraints all systems of a stage share batch 0, listed in registration order. Shared by the
/// generator (the plan it emits) and the analyzer (the problems it reports), so both always agree.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>Plans <paramref name="systems"/> (in registration order) over <paramref name="stageOrder"/>.</summary>
    public static SchedulePlanResult Plan(EquatableArray<SystemModel> systems, EquatableArray<string> stageOrder)
    {
        var problems = new List<ScheduleProblem>();
        var byName = new Dictionary<string, int>();
        for (int i = 0; i < systems.Count; i++)
        {
            if (byName.TryGetValue(systems[i].Name, out int first))
            {
                problems.Add(Problem(DiagnosticIds.DuplicateSystemName, systems[i].Name,
                    systems[i].Name, Display(systems[first].FullyQualifiedName), Display(systems[i].FullyQualifiedName)));
            }
            else
            {
                byName.Add(systems[i].Name, i);
            }
        }

        var stageIndex = new Dictionary<string, int>();
        for (int s = 0; s < stageOrder.Count; s++) stageIndex[stageOrder[s]] = s;
        foreach (SystemModel system in systems)
        {
            if (!stageIndex.ContainsKey(system.Stage))
            {
                problems.Add(Problem(DiagnosticIds.UnknownStage, system.Name, system.Name, system.Stage, string.Join(", ", stageOrder)));
            }
        }

        var twice = new List<(string Component, int First, int Second)>();
        Dictionary<string, int> ownerOf = AccessConflicts.Owners(systems.Count, i => systems[i].Owns, twice);
        foreach ((string component, int first, int second) in twice)
        {
            problems.Add(Problem(DiagnosticIds.ComponentOwnedTwice, systems[second].Name,
                Display(component), systems[first].Name, systems[second].Name));
        }

        if (problems.Count > 0) return Failed(problems);

        List<Edge> edges = OrderingEdges(systems, byName, ownerOf, stageIndex, problems);
        if (problems.Count > 0) return Failed(problems);

        var stages = new List<StageModel>();
        var allEdges = new List<ScheduleEdgeModel>();
        foreach (string stage in stageOrder)
        {
            int[] members = Enumerable.Range(0, systems.Count).Where(i => systems[i].Stage == stage).ToArray();
            if (members.Length == 0) continue;
            StageModel? planned = PlanStage(stage, members, systems, edges, allEdges, problems);
            if (planned is not null) stages.Add(planned);
        }

        if (problems.Count > 0) return Failed(problems);
        return new SchedulePlanResult(
            new ScheduleModel(systems, stages.ToEquatableArray(), allEdges.ToEquatableArray()),
            EquatableArray<ScheduleProblem>.Empty);
    }

    /// <summary>Before/After and [Current] edges; edges across stages are checked against the stage order and dropped.</summary>
    private static List<Edge> OrderingEdges(
        EquatableArray<SystemModel> systems,
        Dictionary<string, int> byName,
        Dictionary<string, int> ownerOf,
        Dictionary<string, int> stageIndex,
        List<ScheduleProblem> problems)
    {
        var edges = new List<Edge>();
        string known = string.Join(", ", systems.Select(system => system.Name));
        for (int i = 0; i < systems.Count; i++)
        {
            SystemModel system = systems[i];
            foreach (string target in system.After) Add(target, "after", before: false);
            foreach (string target in system.Before) Add(target, "before", before: true);
            foreach (string component in system.Currents)
            {
                if (!ownerOf.TryGetValue(component, out int owner)) continue; // nobody writes it: next is never newer
                AddEdge(owner, i, "current " + ShortName(component), "after", systems[owner].Name);
            }

            void Add(string target, string relation, bool before)
            {
                if (!byName.TryGetValue(target, out int other))
                {
                    problems.Add(Problem(DiagnosticIds.UnknownOrderTarget, system.Name, system.Name, relation, target, known));
                    return;
                }

                if (before) AddEdge(i, other, "before", relation, target);
                else AddEdge(other, i, "after", relation, target);
            }

            void AddEdge(int from, int to, string reason, string relation, string otherName)
            {
                int fromStage = stageIndex[systems[from].Stage];
                int toStage = stageIndex[systems[to].Stage];
                if (fromStage == toStage)
                {
                    edges.Add(new Edge(from, to, reason));
                }
                else if (fromStage > toStage)
                {
                    int other = from == i ? to : from;
                    problems.Add(Problem(DiagnosticIds.OrderAgainstStages, system.Name,
                        system.Name, relation, otherName, system.Stage, systems[other].Stage));
                }
            }
        }

        return edges;
    }

    private static StageModel? PlanStage(
        string stage,
        int[] members,
        EquatableArray<SystemModel> systems,
        List<Edge> orderingEdges,
        List<ScheduleEdgeModel> allEdges,
        List<ScheduleProblem> problems)
    {
        // Local numbering: position in registration order within the stage.
        var local = new Dictionary<int, int>();
        for (int k = 0; k < members.Length; k++) local[members[k]] = k;
        var edges = orderingEdges.Where(edge => local.ContainsKey(edge.From) && local.ContainsKey(edge.To))
            .Select(edge => new Edge(local[edge.From], local[edge.To], edge.Reason)).Distinct().ToList();

        List<List<int>> cycles = StronglyConnected.Cycles(members.Length, edges.Select(edge => (edge.From, edge.To)).ToList());
        foreach (List<int> cycle in cycles)
        {
            var inCycle = new HashSet<int>(cycle);
            string names = string.Join(", ", cycle.Select(k => "'" + systems[members[k]].Name + "'"));
            string how = string.Join("; ", edges.Where(edge => inCycle.Contains(edge.From) && inCycle.Contains(edge.To))
                .Select(edge => systems[members[edge.From]].Name + " → " + systems[members[edge.To]].Name + " (" + edge.Reason + ")"));
            problems.Add(Problem(DiagnosticIds.ScheduleCycle, systems[members[cycle[0]]].Name, names, stage, how));
        }

        if (cycles.Count > 0) return null;

        var reach = new Reachability(members.Length, edges);
        for (int a = 0; a < members.Length; a++)
        {
            for (int b = a + 1; b < members.Length; b++)
            {
                string? resource = ResourceConflict(systems[members[a]], systems[members[b]]);
                if (resource is null) continue;
                Edge edge = reach.Reaches(b, a) ? new Edge(b, a, "res " + ShortName(resource)) : new Edge(a, b, "res " + ShortName(resource));
                edges.Add(edge);
                reach.Add(edge.From, edge.To);
            }
        }

        int[] batchOf = Layers(members.Length, edges);
        int batchCount = members.Length == 0 ? 0 : batchOf.Max() + 1;
        var batches = new List<EquatableArray<int>>();
        for (int batch = 0; batch < batchCount; batch++)
        {
            batches.Add(Enumerable.Range(0, members.Length).Where(k => batchOf[k] == batch).Select(k => members[k]).ToEquatableArray());
        }

        foreach (Edge edge in edges.Distinct().OrderBy(edge => edge.From).ThenBy(edge => edge.To).ThenBy(edge => edge.Reason, System.StringComparer.Ordinal))
        {
            allEdges.Add(new ScheduleEdgeModel(members[edge.From], members[edge.To], edge.Reason));
        }

        return new StageModel(stage, stage == StageOrder.Startup, batches.ToEquatableArray());
    }

    /// <summary>The first resource the two systems conflict on (a writer with a reader or another writer), or null.</summary>
    private static string? ResourceConflict(SystemModel a, SystemModel b)
    {
        List<(string Resource, bool AWrites, bool BWrites)> conflicts =
            AccessConflicts.Resources(a.ResourceReads, a.ResourceWrites, b.ResourceReads, b.ResourceWrites);
        return conflicts.Count == 0 ? null : conflicts[0].Resource;
    }

    /// <summary>Longest-path layering of a DAG: a node's batch is one more than its latest predecessor's.</summary>
    private static int[] Layers(int count, List<Edge> edges)
    {
        int[] batch = new int[count];
        int[] remaining = new int[count];
        foreach (Edge edge in edges) remaining[edge.To]++;
        var ready = new SortedSet<int>(Enumerable.Range(0, count).Where(k => remaining[k] == 0));
        while (ready.Count > 0)
        {
            int node = ready.Min;
            ready.Remove(node);
            foreach (Edge edge in edges)
            {
                if (edge.From != node) continue;
                batch[edge.To] = System.Math.Max(batch[edge.To], batch[node] + 1);
                if (--remaining[edge.To] == 0) ready.Add(edge.To);
            }
        }

        return batch;
    }

    private static SchedulePlanResult Failed(List<ScheduleProblem> problems) => new(null, problems.ToEquatableArray());

    private static ScheduleProblem Problem(string id, string system, params string[] args) => new(id, system, args.ToEquatableArray());

    private static string Display(string fullyQualifiedName) => SystemParser.Display(fullyQualifiedName);

    /// <summary><c>global::Game.Position</c> → <c>Position</c>.</summary>
    private static string ShortName(string fullyQualifiedName)
    {
        string name = Display(fullyQualifiedName);
        int dot = name.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(dot + 1);
    }

    private readonly record struct Edge(int From, int To, string Reason);

    /// <summary>Transitive reachability kept up to date as edges are added (stages are small).</summary>
    private sealed class Reachability
    {
        private readonly bool[,] _reaches;
        private readonly int _count;

        public Reachability(int count, List<Edge> edges)
        {
            _count = count;
            _reaches = new bool[count, count];
            foreach (Edge edge in edges) Add(edge.From, edge.To);
        }

        public bool Reaches(int from, int to) => _reaches[from, to];

        public void Add(int from, int to)
        {
            for (int a = 0; a < _count; a++)
            {
                if (a != from && !_reaches[a, from]) continue;
                for (int b = 0; b < _count; b++)
                {
                    if (b == to || _reaches[to, b]) _reaches[a, b] = true;
                }
            }
        }
    }
}
