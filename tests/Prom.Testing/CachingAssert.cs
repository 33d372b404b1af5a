using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace Prom.Testing;

/// <summary>
/// The caching harness every generator shares: run the driver, make an unrelated edit, run again, and require every
/// named step to be <c>Cached</c> or <c>Unchanged</c>; then walk every step output and fail on any symbol, syntax
/// node, compilation or location held in a model (those break caching and keep compilations alive).
/// </summary>
public static class CachingAssert
{
    /// <summary>
    /// Asserts that adding <paramref name="unrelatedSource"/> to a compilation of <paramref name="sources"/> leaves
    /// every step of <paramref name="generators"/> cached: the steps are found by <see cref="TrackingNameCatalog"/>
    /// (every named step of the generators' assemblies that the first run executed), so a step named tomorrow is
    /// checked without a list to update. Returns how many outputs each checked step had (assert on the ones the
    /// sources must exercise).
    /// </summary>
    public static IReadOnlyDictionary<string, int> UnrelatedEditKeepsEveryStepCached(
        IEnumerable<string> sources,
        string unrelatedSource,
        params IIncrementalGenerator[] generators)
    {
        string[] catalog = generators.Select(g => g.GetType().Assembly).Distinct().SelectMany(TrackingNameCatalog.In).Distinct().ToArray();
        return Check(sources, unrelatedSource, first => catalog.Where(name => first.Results.Any(r => r.TrackedSteps.ContainsKey(name))).ToArray(), generators);
    }

    /// <summary>
    /// As <see cref="UnrelatedEditKeepsEveryStepCached"/>, for the steps named in <paramref name="trackingNames"/>
    /// only. Returns how many step outputs were checked.
    /// </summary>
    public static int UnrelatedEditKeepsStepsCached(
        IEnumerable<string> sources,
        string unrelatedSource,
        IReadOnlyCollection<string> trackingNames,
        params IIncrementalGenerator[] generators) =>
        Check(sources, unrelatedSource, _ => trackingNames, generators).Values.Sum();

    private static Dictionary<string, int> Check(
        IEnumerable<string> sources,
        string unrelatedSource,
        Func<GeneratorDriverRunResult, IReadOnlyCollection<string>> namesOf,
        IIncrementalGenerator[] generators)
    {
        CSharpCompilation first = RoslynHarness.CreateCompilation(sources.ToArray());
        GeneratorDriver driver = RoslynHarness.CreateDriver(generators, trackSteps: true).RunGenerators(first);
        GeneratorDriverRunResult firstRun = driver.GetRunResult();
        IReadOnlyCollection<string> trackingNames = namesOf(firstRun);

        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText(unrelatedSource, RoslynHarness.ParseOptions, path: "Unrelated.cs"));
        GeneratorDriverRunResult secondRun = driver.RunGenerators(second).GetRunResult();

        var outputsPerStep = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (GeneratorRunResult result in secondRun.Results)
        {
            if (result.Exception is not null) failures.Add($"{result.Generator.GetGeneratorType().Name} threw: {result.Exception}");
            foreach (KeyValuePair<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> step in result.TrackedSteps)
            {
                if (!trackingNames.Contains(step.Key)) continue;
                foreach (IncrementalGeneratorRunStep run in step.Value)
                {
                    foreach ((object value, IncrementalStepRunReason reason) in run.Outputs)
                    {
                        outputsPerStep[step.Key] = outputsPerStep.TryGetValue(step.Key, out int count) ? count + 1 : 1;
                        if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                        {
                            failures.Add($"step '{step.Key}' output {value} was {reason} after an unrelated edit");
                        }
                        failures.AddRange(ForbiddenObjects(value, step.Key));
                    }
                }
            }
        }

        int firstOutputs = firstRun.Results.SelectMany(r => r.TrackedSteps).Where(s => trackingNames.Contains(s.Key)).Sum(s => s.Value.Length);
        if (firstOutputs == 0) failures.Add($"none of the steps [{string.Join(", ", trackingNames)}] ran: nothing was checked");
        if (failures.Count > 0) throw new XunitException("Incremental caching broken:\n  " + string.Join("\n  ", failures));
        return outputsPerStep;
    }

    // "<Payload>k__BackingField" reads better as "Payload".
    private static string MemberName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf('>') is > 1 and var end ? field.Name.Substring(1, end - 1) : field.Name;

    /// <summary>Walks an object graph and names every symbol, syntax node, compilation or location inside it.</summary>
    public static IEnumerable<string> ForbiddenObjects(object? root, string stepName)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object Value, string Path)>();
        if (root is not null) stack.Push((root, stepName));
        while (stack.Count > 0)
        {
            (object value, string path) = stack.Pop();
            Type type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal) continue;
            if (!type.IsValueType && !seen.Add(value)) continue;
            if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree)
            {
                yield return $"step '{stepName}' holds a {type.Name} at {path}";
                continue;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) &&
                (bool)type.GetProperty(nameof(System.Collections.Immutable.ImmutableArray<int>.IsDefault))!.GetValue(value)!)
            {
                continue; // a default ImmutableArray holds nothing (and throws when enumerated)
            }
            if (value is IEnumerable items and not string)
            {
                int index = 0;
                foreach (object? item in items)
                {
                    if (item is not null) stack.Push((item, $"{path}[{index}]"));
                    index++;
                }
                if (type.IsArray) continue;
            }
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                    object? child = field.GetValue(value);
                    if (child is not null) stack.Push((child, $"{path}.{MemberName(field)}"));
                }
            }
        }
    }
}
