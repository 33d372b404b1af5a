using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Prom.SourceGenerators.Tests.Properties;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Docs;

/// <summary>
/// The README and docs say what a stranger can copy: every C# block whose fence reads <c>```csharp complete</c> is a
/// whole <c>Program.cs</c>, and compiles warning-free with every generator and analyzer; no page tells the reader to
/// add a package that does not exist.
/// </summary>
public sealed class DocumentationSnippetTests
{
    public static TheoryData<string, int> CompleteBlocks()
    {
        var blocks = new TheoryData<string, int>();
        foreach (string page in DocumentationPages.All())
        {
            int count = DocumentationPages.CompleteBlocks(page).Count;
            for (int i = 0; i < count; i++) blocks.Add(DocumentationPages.Relative(page), i);
        }
        return blocks;
    }

    [Theory]
    [MemberData(nameof(CompleteBlocks))]
    public void CompleteBlock_CompilesAsAProgram(string page, int index)
    {
        string code = DocumentationPages.CompleteBlocks(page)[index];
        RoslynHarness.Run(new[] { code }, AllComponents.Generators(), AllComponents.Analyzers(), AllComponents.RuntimeReferences, OutputKind.ConsoleApplication)
            .AssertClean();
    }

    [Fact]
    public void TheReadme_HasCompleteBlocks() =>
        Assert.True(DocumentationPages.CompleteBlocks("README.md").Count >= 2);

    [Fact]
    public void NoPage_NamesAPackageThatDoesNotExist()
    {
        string pins = File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "Directory.Packages.props"));
        var problems = new List<string>();
        foreach (string page in DocumentationPages.All())
        {
            string text = File.ReadAllText(page);
            foreach (Match add in Regex.Matches(text, @"dotnet add package (?<name>[A-Za-z0-9_.]+)"))
            {
                string name = add.Groups["name"].Value;
                if (name != "Prom.Generators" && !pins.Contains($"Include=\"{name}\"")) problems.Add($"{DocumentationPages.Relative(page)}: 'dotnet add package {name}'");
            }
            // Prom.* names are namespaces; the only Prom package is Prom.Generators.
            foreach (Match named in Regex.Matches(text, @"package `(?<name>Prom\.[A-Za-z.]+)`"))
            {
                if (named.Groups["name"].Value != "Prom.Generators") problems.Add($"{DocumentationPages.Relative(page)}: names the package `{named.Groups["name"].Value}`");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
