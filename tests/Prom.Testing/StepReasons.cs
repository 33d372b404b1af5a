using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.Testing;

/// <summary>What each named step of a generator run did: the reasons of its outputs, by tracking name.</summary>
public static class StepReasons
{
    /// <summary>Every tracked step of every generator of <paramref name="run"/>, with the reasons of its outputs.</summary>
    public static Dictionary<string, List<IncrementalStepRunReason>> Of(GeneratorDriverRunResult run)
    {
        var reasons = new Dictionary<string, List<IncrementalStepRunReason>>();
        foreach (GeneratorRunResult result in run.Results)
        {
            foreach (KeyValuePair<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> step in result.TrackedSteps)
            {
                if (!reasons.TryGetValue(step.Key, out List<IncrementalStepRunReason>? list)) reasons[step.Key] = list = new();
                list.AddRange(step.Value.SelectMany(s => s.Outputs).Select(o => o.Reason));
            }
        }
        return reasons;
    }

    /// <summary>True when the step produced nothing new: every output <c>Cached</c> or <c>Unchanged</c>.</summary>
    public static bool KeptCached(IEnumerable<IncrementalStepRunReason> reasons) =>
        reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

    /// <summary>True when the step re-ran to a different output for at least one input.</summary>
    public static bool ReRan(IEnumerable<IncrementalStepRunReason> reasons) =>
        reasons.Any(r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New or IncrementalStepRunReason.Removed);
}
