using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Prom.SourceGenerators.Clients;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Python;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.SourceGenerators.Topics;
using Prom.SourceGenerators.Tests.Python;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Harness;

/// <summary>
/// Every named step of every generator, found by reflection (<see cref="TrackingNameCatalog"/>): one program that
/// exercises them all, an unrelated edit that must leave each of them cached, and one edit per input kind that must
/// re-run exactly the steps that read it while the others stay cached.
/// </summary>
public sealed class IncrementalStepTests
{
    private static readonly IReadOnlyList<string> s_allSteps = TrackingNameCatalog.In(typeof(StructGenerator).Assembly);

    private const string Systems = SystemTestSources.Usings + """
        namespace Game;
        [System] public partial class Movement { public void Run(ref Position position, in Velocity velocity) { } }
        """;

    private const string Topics = """
        using Prom;
        namespace Ops;
        [Topic("heartbeat.received", Version = 1)] public sealed record HeartbeatV1(int Pid);
        [Topic("heartbeat.received", Version = 2)] public sealed record HeartbeatV2(int Pid, string? Host = null);
        [Topic("process.exited", Version = 1)] public sealed record ExitedV1(int Pid);
        [Topic("process.exited", Version = 2, Compat = Compatibility.None)] public sealed record ExitedV2(long Pid)
        {
            [Upcaster] public static ExitedV2 Up(ExitedV1 old) => new(old.Pid);
        }
        """;

    private const string Module = "def one(x: int) -> int:\n    return x\n";

    private static readonly Dictionary<string, string> s_clientsOn = new() { [ClientOptions.OutputPathProperty] = "clients" };

    [Fact]
    public void Catalog_FindsEveryStepTheGeneratorsName()
    {
        // The catalog is only as good as its reflection: these are steps of four different holders.
        Assert.Contains(Common.TrackingNames.StructModels, s_allSteps);
        Assert.Contains(TopicTrackingNames.TopicUpcasters, s_allSteps);
        Assert.Contains(ClientTrackingNames.ClientOptions, s_allSteps);
        Assert.Contains(PyTrackingNames.PythonModules, s_allSteps);
    }

    [Fact]
    public void UnrelatedEdit_LeavesEveryNamedStepOfEveryGeneratorCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, _) = Start();
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Elsewhere; public static class Unrelated { public static int Answer() => 42; }", RoslynHarness.ParseOptions))).GetRunResult();

        Dictionary<string, List<IncrementalStepRunReason>> reasons = StepReasons.Of(second);
        var failures = new List<string>();
        foreach (string step in s_allSteps)
        {
            if (!reasons.TryGetValue(step, out List<IncrementalStepRunReason>? outputs) || outputs.Count == 0) failures.Add($"step '{step}' did not run: the program does not exercise it");
            else if (!StepReasons.KeptCached(outputs)) failures.Add($"step '{step}' re-ran after an unrelated edit: {string.Join(", ", outputs)}");
        }
        foreach (GeneratorRunResult result in second.Results)
        {
            foreach (var step in result.TrackedSteps.Where(step => s_allSteps.Contains(step.Key))) // Roslyn's own steps hold syntax by design
            {
                foreach (var run in step.Value) foreach (var (value, _) in run.Outputs) failures.AddRange(CachingAssert.ForbiddenObjects(value, step.Key));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string> Edits() => new() { "struct member type", "topic member", "topic version", "upcaster", "system signature", "python module", "client options", "assembly name" };

    [Theory]
    [MemberData(nameof(Edits))]
    public void EditOfOneInput_ReRunsTheStepsThatReadItAndNoOther(string edit)
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText module) = Start();
        (GeneratorDriver editedDriver, CSharpCompilation edited, string[] mustReRun) = Apply(edit, driver, compilation, module);
        Dictionary<string, List<IncrementalStepRunReason>> reasons = StepReasons.Of(editedDriver.RunGenerators(edited).GetRunResult());

        var failures = new List<string>();
        foreach (string step in s_allSteps)
        {
            List<IncrementalStepRunReason> outputs = reasons.TryGetValue(step, out var r) ? r : new();
            bool reRan = StepReasons.ReRan(outputs);
            if (mustReRun.Contains(step) && !reRan) failures.Add($"step '{step}' did not re-run after the {edit} edit: {string.Join(", ", outputs)}");
            if (!mustReRun.Contains(step) && !StepReasons.KeptCached(outputs)) failures.Add($"step '{step}' re-ran after the {edit} edit, which it does not read: {string.Join(", ", outputs)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, string[] MustReRun) Apply(string edit, GeneratorDriver driver, CSharpCompilation compilation, AdditionalText module)
    {
        switch (edit)
        {
            case "struct member type":
                // Velocity.X becomes a double: its struct and component models change, and the system reading it is
                // re-planned; the registry (names and ids only) stays as it was.
                return (driver, Replace(compilation, 0, "public partial struct Velocity { public partial float X", "public partial struct Velocity { public partial double X"),
                    new[] { Common.TrackingNames.StructModels, Common.TrackingNames.ComponentModels, Common.TrackingNames.SystemModels, Common.TrackingNames.Schedule });
            case "topic member":
                return (driver, Replace(compilation, 2, "string? Host = null", "string? Host = null, long Rss = 0"),
                    new[] { Common.TrackingNames.TopicModels, Common.TrackingNames.TopicRegistry, ClientTrackingNames.ClientTopics, ClientTrackingNames.ClientTopicSet });
            case "topic version":
                // A third version adds a read plan (v1 → v3, v2 → v3); a member edit leaves the plans alone.
                return (driver, Replace(compilation, 2, "string? Host = null);", "string? Host = null);\n[Topic(\"heartbeat.received\", Version = 3)] public sealed record HeartbeatV3(int Pid, string? Host = null);"),
                    new[] { Common.TrackingNames.TopicModels, Common.TrackingNames.TopicRegistry, TopicTrackingNames.TopicReadPlans, ClientTrackingNames.ClientTopics, ClientTrackingNames.ClientTopicSet });
            case "upcaster":
                // Renaming the upcaster changes the method the read plans call; the payload models stay as they were.
                return (driver, Replace(compilation, 2, "ExitedV2 Up(ExitedV1 old)", "ExitedV2 FromV1(ExitedV1 old)"),
                    new[] { TopicTrackingNames.TopicUpcasters, TopicTrackingNames.TopicReadPlans });
            case "system signature":
                return (driver, Replace(compilation, 1, "in Velocity velocity", "in Velocity velocity, in Health health"),
                    new[] { Common.TrackingNames.SystemModels, Common.TrackingNames.Schedule });
            case "python module":
                return (driver.ReplaceAdditionalText(module, new PyModuleHarness.MemoryText(module.Path, Module + "\ndef two() -> float:\n    return 2.0\n")), compilation,
                    new[] { PyTrackingNames.PythonInputs, PyTrackingNames.PythonModules });
            case "client options":
                return (driver.WithUpdatedAnalyzerConfigOptions(new PyModuleHarness.Options(new[] { s_pyFile }, new Dictionary<string, string>
                    { [ClientOptions.OutputPathProperty] = "clients", [ClientOptions.PythonPackageProperty] = "heartbeat_client" })), compilation,
                    new[] { ClientTrackingNames.ClientOptions });
            case "assembly name":
                return (driver, compilation.WithAssemblyName("Renamed"), new[] { ClientTrackingNames.ClientAssembly, TopicTrackingNames.TopicAssembly });
            default:
                throw new ArgumentOutOfRangeException(nameof(edit), edit, null);
        }
    }

    private static readonly PyFile s_pyFile = new("/project/alpha.py", Module);
    /// <summary>
    /// The program that exercises every generator (plus <paramref name="extraSources"/>, after the three files the
    /// edits address by index), run once with step tracking and the client options on.
    /// </summary>
    internal static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText Module) Start(params string[] extraSources)
    {
        CSharpCompilation compilation = RoslynHarness.CreateCompilation(
            new[] { SystemTestSources.Components, Systems, Topics }.Concat(extraSources),
            new[]
            {
                MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Prom.Topics.TopicClient<>).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Prom.Bus.EventBus).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Prom.Bridge.PyBridge).Assembly.Location),
            });
        var module = new PyModuleHarness.MemoryText(s_pyFile.Path, s_pyFile.Text);
        IIncrementalGenerator[] generators =
        {
            new StructGenerator(), new ComponentGenerator(), new SystemGenerator(), new TopicGenerator(), new TopicClientGenerator(), new PyModuleGenerator(),
        };
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            new AdditionalText[] { module },
            RoslynHarness.ParseOptions,
            new PyModuleHarness.Options(new[] { s_pyFile }, s_clientsOn),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return (driver.RunGenerators(compilation), compilation, module);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int treeIndex, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        string text = tree.GetText().ToString();
        Assert.Contains(oldText, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText))));
    }
}
