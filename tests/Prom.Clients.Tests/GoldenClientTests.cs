using System.Collections.Generic;
using System.Linq;
using Prom.Clients.Tests.Harness;
using Prom.SourceGenerators.Clients;
using Prom.Testing;
using Xunit;

namespace Prom.Clients.Tests;

public sealed class GoldenClientTests
{
    [Fact]
    public void FleetTopics_EmitTheGoldenTypeScriptPythonAndSchemas()
    {
        SortedDictionary<string, string> files = ClientRun.Files(new[] { ClientRun.FleetSource });
        // The hand-written halves are emitted verbatim: compared with their sources, not kept twice as golden copies.
        string runtime = System.IO.Path.Combine(RepositoryLayout.Root(), "generators", "Prom.SourceGenerators", "Clients", "Runtime");
        foreach ((string path, string text) in files.Where(f => RuntimeFile(f.Key)))
        {
            Assert.Equal(System.IO.File.ReadAllText(System.IO.Path.Combine(runtime, System.IO.Path.GetFileName(path))).ReplaceLineEndings("\n"), text);
        }
        GoldenFiles.AssertMatch("Fleet", files.Where(f => !RuntimeFile(f.Key)).ToDictionary(f => f.Key, f => f.Value));
    }

    private static bool RuntimeFile(string path) => System.IO.Path.GetFileName(path) is "client.ts" or "protocol.ts" or "client.py" or "protocol.py";

    [Fact]
    public void SameInput_GivesByteIdenticalFiles_AndReorderedDeclarationsToo()
    {
        string source = ClientRun.FleetSource;
        SortedDictionary<string, string> first = ClientRun.Files(new[] { source });
        SortedDictionary<string, string> again = ClientRun.Files(new[] { source });
        Assert.Equal(first, again);

        // The same declarations split over two files in the other order.
        int alert = source.IndexOf("/// <summary>JSON names that are not identifiers", System.StringComparison.Ordinal);
        string header = source.Substring(0, source.IndexOf("/// <summary>Written as the member's name", System.StringComparison.Ordinal));
        SortedDictionary<string, string> reordered = ClientRun.Files(new[] { header + source.Substring(alert), source.Substring(0, alert) });
        Assert.Equal(first, reordered);
    }

    [Fact]
    public void PythonPackage_DefaultsToTheAssemblyNameInSnakeCase_OrTheConfiguredName()
    {
        Assert.Contains("python/fleet_contracts/topics.py", ClientRun.Files(new[] { ClientRun.FleetSource }).Keys);
        Assert.Contains("python/fleet_api/topics.py", ClientRun.Files(new[] { ClientRun.FleetSource }, pythonPackage: "fleet_api").Keys);
    }

    [Fact]
    public void TwoTypesWithOneSimpleName_GetDistinctEmittedNames()
    {
        const string source = """
            using Prom;
            namespace A { public sealed record Item(int X); [Topic("a.thing")] public sealed record Thing(Item Item); }
            namespace B { public sealed record Item(string Y); [Topic("b.thing")] public sealed record Thing(Item Item); }
            """;
        string ts = ClientRun.Files(new[] { source })["typescript/topics.ts"];
        Assert.Contains("export interface Item {", ts);
        Assert.Contains("export interface Item_2 {", ts);
        Assert.Contains("export interface Thing_2 {", ts);
        Assert.Contains("\"b.thing\": { latest: 1; versions: { 1: Thing_2; } };", ts);
    }

    [Fact]
    public void UnrelatedEdit_KeepsEveryClientStepCached()
    {
        int checkedOutputs = CachingAssert.UnrelatedEditKeepsStepsCached(
            new[] { ClientRun.FleetSource },
            "namespace Elsewhere { public sealed class Unrelated { public int X => 1; } }",
            new[] { ClientTrackingNames.ClientTopics, ClientTrackingNames.ClientTopicSet, ClientTrackingNames.ClientOptions, ClientTrackingNames.ClientAssembly },
            new TopicClientGenerator());
        Assert.True(checkedOutputs >= 4);
    }

    [Fact]
    public void WithoutTheOutputPath_NothingIsEmitted()
    {
        CompilationRun run = RoslynHarness.Run(new[] { ClientRun.FleetSource }, new Microsoft.CodeAnalysis.IIncrementalGenerator[] { new TopicClientGenerator() }, null, ClientRun.RuntimeReferences);
        Assert.Empty(run.GeneratedSources);
    }
}
