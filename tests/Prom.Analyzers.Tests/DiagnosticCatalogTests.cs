using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests;

/// <summary>Every diagnostic the package reports has a help page, a catalog row and a help link to that page.</summary>
public sealed class DiagnosticCatalogTests
{
    public static TheoryData<string> Ids()
    {
        var ids = new TheoryData<string>();
        foreach (string id in Descriptors().Select(d => d.Id).Distinct()) ids.Add(id);
        return ids;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Diagnostic_HasAHelpPageACatalogRowAndAHelpLink(string id)
    {
        // One id may have several descriptors (messages for different subjects); they share the title and the page.
        DiagnosticDescriptor[] descriptors = Descriptors().Where(d => d.Id == id).ToArray();
        Assert.Single(descriptors.Select(d => d.Title.ToString()).Distinct());
        DiagnosticDescriptor descriptor = descriptors[0];
        string docs = Path.Combine(RepositoryLayout.Root(), "docs", "diagnostics");
        string page = Path.Combine(docs, id + ".md");
        Assert.True(File.Exists(page), $"docs/diagnostics/{id}.md is missing");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page));
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.Title} |", File.ReadAllText(Path.Combine(docs, "README.md")));
        string repository = System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "Directory.Build.props")), "<PromRepositoryUrl>(.*)</PromRepositoryUrl>").Groups[1].Value;
        Assert.StartsWith("https://", repository);
        Assert.All(descriptors, d => Assert.Equal($"{repository}/blob/main/docs/diagnostics/{id}.md", d.HelpLinkUri));
    }

    private static DiagnosticDescriptor[] Descriptors() => typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToArray();
}
