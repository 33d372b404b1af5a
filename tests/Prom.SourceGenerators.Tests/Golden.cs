using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Prom.SourceGenerators.Tests;

/// <summary>
/// Golden files of generated code on disk (Golden/&lt;Area&gt;/&lt;Name&gt;.g.cs). After an intended change, refresh them
/// with <c>PROM_UPDATE_GOLDEN=1 dotnet test tests/Prom.SourceGenerators.Tests</c> and review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string area, string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("PROM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(ProjectDirectory(), "Golden", area, name + ".g.cs"), actual);
            return;
        }
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", area, name + ".g.cs");
        Assert.True(File.Exists(path), $"No golden file {area}/{name}.g.cs: run with PROM_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
