using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Prom.Testing;
using Prom.Testing.Verifiers;
using Xunit;

namespace Prom.SourceGenerators.Tests;

/// <summary>
/// Golden files of generated code on disk: <c>Golden/&lt;Area&gt;/&lt;Case&gt;/&lt;Generator&gt;/&lt;hint name&gt;</c> holds
/// every file the case's generators produce, and <see cref="VerifyAsync"/> runs a <see cref="PromGeneratorTest"/>
/// that expects exactly those files (and a compilation without warnings). After an intended change, rewrite them with
/// <c>PROM_UPDATE_GOLDEN=1 dotnet test tests/Prom.SourceGenerators.Tests --filter Golden</c> and review the diff.
/// </summary>
internal static class Golden
{
    /// <summary>The environment variable that turns verification into rewriting the golden files.</summary>
    public const string UpdateVariable = "PROM_UPDATE_GOLDEN";

    /// <summary>Where the golden files live: read from the checkout, so that a deleted file cannot linger in bin/.</summary>
    public static string Root => Path.Combine(RepositoryLayout.Root(), "tests", "Prom.SourceGenerators.Tests", "Golden");

    /// <summary>A generator test of <paramref name="sources"/> (one file each) with extra <paramref name="references"/>.</summary>
    public static PromGeneratorTest Test(IEnumerable<string> sources, IEnumerable<MetadataReference> references, params Type[] generators)
    {
        var test = new PromGeneratorTest();
        foreach (string source in sources) test.TestState.Sources.Add(source);
        test.TestState.AdditionalReferences.AddRange(references);
        test.Generators.AddRange(generators);
        return test;
    }

    /// <summary>
    /// Runs <paramref name="test"/> expecting the files under <c>Golden/<paramref name="area"/>/<paramref name="caseName"/></c>;
    /// with <see cref="UpdateVariable"/>=1, runs it without comparing generated files and rewrites the folder instead.
    /// </summary>
    public static async Task VerifyAsync(string area, string caseName, PromGeneratorTest test)
    {
        string directory = Path.Combine(Root, area, caseName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            await test.RunAsync();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            foreach (GeneratedSource file in test.Generated)
            {
                string path = Path.Combine(directory, file.Generator.Name, file.HintName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }
            return;
        }

        Assert.True(Directory.Exists(directory), $"No golden files for {area}/{caseName}: run with {UpdateVariable}=1 to create them.");
        string[] strays = Directory.GetDirectories(directory).Select(Path.GetFileName)
            .Where(folder => !test.Generators.Any(generator => generator.Name == folder)).ToArray()!;
        Assert.True(strays.Length == 0, $"Golden/{area}/{caseName} has folders of no generator of the test: {string.Join(", ", strays)}");
        foreach (Type generator in test.Generators)
        {
            string folder = Path.Combine(directory, generator.Name);
            if (!Directory.Exists(folder)) continue;
            foreach (string file in Directory.GetFiles(folder).OrderBy(path => path, StringComparer.Ordinal))
            {
                test.TestState.GeneratedSources.Add((generator, Path.GetFileName(file), File.ReadAllText(file).ReplaceLineEndings("\n")));
            }
        }
        await test.RunAsync();
    }
}
