using System;
using System.Collections.Generic;

namespace Prom.CodeModel.Systems;

/// <summary>Tarjan's strongly connected components, to name every system of an ordering cycle.</summary>
internal static class StronglyConnected
{
    /// <summary>
    /// The components of more than one node, or of one node with an edge to itself: exactly the cycles. Each
    /// component lists its nodes in ascending order; components come in order of their smallest node.
    /// </summary>
    public static List<List<int>> Cycles(int nodeCount, IReadOnlyList<(int From, int To)> edges)
    {
        var successors = new List<int>[nodeCount];
        for (int i = 0; i < nodeCount; i++) successors[i] = new List<int>();
        foreach ((int from, int to) in edges) successors[from].Add(to);

        int[] index = new int[nodeCount];
        int[] low = new int[nodeCount];
        bool[] onStack = new bool[nodeCount];
        for (int i = 0; i < nodeCount; i++) index[i] = -1;
        var stack = new Stack<int>();
        var cycles = new List<List<int>>();
        int next = 0;

        for (int node = 0; node < nodeCount; node++)
        {
            if (index[node] < 0) Visit(node);
        }

        cycles.Sort((a, b) => a[0].CompareTo(b[0]));
        return cycles;

        void Visit(int node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack[node] = true;
            foreach (int successor in successors[node])
            {
                if (index[successor] < 0)
                {
                    Visit(successor);
                    low[node] = Math.Min(low[node], low[successor]);
                }
                else if (onStack[successor])
                {
                    low[node] = Math.Min(low[node], index[successor]);
                }
            }

            if (low[node] != index[node]) return;
            var component = new List<int>();
            int member;
            do
            {
                member = stack.Pop();
                onStack[member] = false;
                component.Add(member);
            }
            while (member != node);

            if (component.Count > 1 || successors[node].Contains(node))
            {
                component.Sort();
                cycles.Add(component);
            }
        }
    }
}
