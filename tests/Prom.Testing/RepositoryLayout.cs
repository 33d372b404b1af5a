using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

namespace Prom.Testing;

/// <summary>Finds the checkout the tests belong to, wherever the test binaries were built.</summary>
public static class RepositoryLayout
{
    /// <summary>
    /// The folder holding <c>Prom.Generators.sln</c>: searched above the test binaries (a normal build), above the
    /// working directory, and above the caller's source file (a build with an artifacts path elsewhere). CI builds map
    /// source paths (<c>ContinuousIntegrationBuild</c>), so the source path alone is not enough.
    /// </summary>
    public static string Root([CallerFilePath] string callerFile = "")
    {
        var starts = new List<string> { AppContext.BaseDirectory, Environment.CurrentDirectory };
        if (Path.GetDirectoryName(callerFile) is { Length: > 0 } callerDirectory) starts.Add(callerDirectory);
        foreach (string start in starts)
        {
            for (string? directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "Prom.Generators.sln"))) return directory;
            }
        }

        throw new InvalidOperationException("Prom.Generators.sln not found above " + string.Join(", ", starts));
    }
}
