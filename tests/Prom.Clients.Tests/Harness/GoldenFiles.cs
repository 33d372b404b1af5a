using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace Prom.Clients.Tests.Harness;

/// <summary>
/// Golden copies of emitted client files under Golden/&lt;set&gt;/ (the same relative paths the build writes). After an
/// intended change: <c>PROM_UPDATE_GOLDEN=1 dotnet test tests/Prom.Clients.Tests</c>, then review the diff.
/// </summary>
internal static class GoldenFiles
{
    public static void AssertMatch(string set, IReadOnlyDictionary<string, string> files)
    {
        if (Environment.GetEnvironmentVariable("PROM_UPDATE_GOLDEN") == "1")
        {
            string target = Path.Combine(ProjectDirectory(), "Golden", set);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            foreach ((string path, string text) in files)
            {
                string full = Path.Combine(target, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
            return;
        }
        string root = Folder(set);
        string[] expected = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, files.Keys.OrderBy(p => p, StringComparer.Ordinal).ToArray());
        foreach ((string path, string text) in files)
        {
            Assert.True(File.ReadAllText(Path.Combine(root, path)) == text, $"{set}/{path} differs from its golden file: run with PROM_UPDATE_GOLDEN=1 and review the diff");
        }
    }

    /// <summary>The golden folder as copied next to the test assembly.</summary>
    public static string Folder(string set) => Path.Combine(AppContext.BaseDirectory, "Golden", set);

    private static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
