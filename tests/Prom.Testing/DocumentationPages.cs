using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Prom.Testing;

/// <summary>
/// The README and docs pages, and their C# blocks fenced as <c>```csharp complete</c>: each is a whole
/// <c>Program.cs</c> a reader can copy (compiled by DocumentationSnippetTests; some are also built and run from the
/// packed package by the CLI tests).
/// </summary>
public static class DocumentationPages
{
    private static readonly Regex s_complete = new(@"^```csharp complete\r?\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);

    /// <summary>README.md, then every page under docs/ in ordinal order (absolute paths).</summary>
    public static IEnumerable<string> All()
    {
        string root = RepositoryLayout.Root();
        return new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal));
    }

    /// <summary>The complete blocks of a page, in page order; <paramref name="page"/> is relative to the repository root or absolute.</summary>
    public static IReadOnlyList<string> CompleteBlocks(string page) =>
        s_complete.Matches(File.ReadAllText(Path.Combine(RepositoryLayout.Root(), page))).Select(m => m.Groups["code"].Value).ToArray();

    /// <summary>The path of <paramref name="page"/> relative to the repository root.</summary>
    public static string Relative(string page) => Path.GetRelativePath(RepositoryLayout.Root(), page);
}
