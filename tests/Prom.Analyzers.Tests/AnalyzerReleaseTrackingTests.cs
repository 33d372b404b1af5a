using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests;

/// <summary>
/// Analyzer release tracking (AnalyzerReleases.Shipped.md / Unshipped.md) lists every diagnostic with its category and
/// severity. The descriptors are built through helper methods, which the RS2000-series analyzers cannot follow, so
/// this test holds the files to the descriptors instead: nothing unlisted, nothing listed that does not exist.
/// </summary>
public sealed class AnalyzerReleaseTrackingTests
{
    private static readonly string[] s_trackedProjects =
    {
        "generators/Prom.CodeModel", "generators/Prom.SourceGenerators", "analyzers/Prom.Analyzers", "analyzers/Prom.CodeFixes",
    };

    [Fact]
    public void EveryDescriptor_IsTrackedWithItsCategoryAndSeverity()
    {
        Dictionary<string, (string Category, string Severity)> tracked = TrackedRules("generators/Prom.CodeModel");
        var failures = new List<string>();
        foreach (IGrouping<string, DiagnosticDescriptor> id in Descriptors().GroupBy(d => d.Id))
        {
            DiagnosticDescriptor descriptor = id.First();
            if (!tracked.TryGetValue(id.Key, out var row)) failures.Add($"{id.Key} is not listed in generators/Prom.CodeModel/AnalyzerReleases.*.md");
            else if (row.Category != descriptor.Category || row.Severity != descriptor.DefaultSeverity.ToString())
                failures.Add($"{id.Key} is listed as {row.Category}/{row.Severity} but declared {descriptor.Category}/{descriptor.DefaultSeverity}");
        }
        var declared = Descriptors().Select(d => d.Id).ToHashSet();
        failures.AddRange(tracked.Keys.Where(id => !declared.Contains(id)).Select(id => $"{id} is listed but no descriptor declares it"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void ReleaseTracking_IsOnForEveryAnalyzerAndGeneratorAssembly()
    {
        foreach (string project in s_trackedProjects)
        {
            string directory = Path.Combine(RepositoryLayout.Root(), project);
            string csproj = File.ReadAllText(Directory.GetFiles(directory, "*.csproj").Single());
            foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                Assert.True(File.Exists(Path.Combine(directory, file)), $"{project}/{file} is missing");
                Assert.Contains($"<AdditionalFiles Include=\"{file}\" />", csproj);
            }
        }
    }

    /// <summary>The rules of a project's release files: the last row of each id wins (Changed Rules after New Rules).</summary>
    private static Dictionary<string, (string Category, string Severity)> TrackedRules(string project)
    {
        var rules = new Dictionary<string, (string, string)>();
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            string? section = null;
            foreach (string line in File.ReadAllLines(Path.Combine(RepositoryLayout.Root(), project, file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal)) section = line.Substring(4).Trim();
                string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !cells[0].StartsWith("PROM", StringComparison.Ordinal)) continue;
                if (section == "Removed Rules") rules.Remove(cells[0]);
                else if (section == "Changed Rules") rules[cells[0]] = (cells[1], cells[2]); // New Category | New Severity | Old …
                else rules[cells[0]] = (cells[1], cells[2]);
            }
        }
        return rules;
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() => typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>();
}
