using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.ClientFiles;
using Prom.SourceGenerators.Clients;
using Prom.SourceGenerators.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.Clients.Tests.Harness;

/// <summary>
/// Compiles sources with the topic and client generators and <c>PromClientsOutputPath</c> set, emits the assembly,
/// and reads the client files back out of its metadata — the same path the build's PromWriteClients target takes.
/// </summary>
internal static class ClientRun
{
    public static IEnumerable<MetadataReference> RuntimeReferences { get; } = new[]
    {
        typeof(Prom.Topics.TopicDescriptor).Assembly.Location,
        typeof(Prom.Bus.EventBus).Assembly.Location,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
    }.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    private static readonly System.Lazy<SortedDictionary<string, string>> s_fleet = new(() => Files(new[] { FleetSource }));

    /// <summary>The client files of Sources/Fleet.cs (assembly Fleet.Contracts), emitted once per test run.</summary>
    public static SortedDictionary<string, string> FilesOfFleet => s_fleet.Value;

    public static string FleetSource => File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Sources", "Fleet.cs"));

    /// <summary>The files by relative path; fails on any compiler or generator diagnostic.</summary>
    public static SortedDictionary<string, string> Files(IEnumerable<string> sources, string? pythonPackage = null, string assemblyName = "Fleet.Contracts")
    {
        CSharpCompilation input = RoslynHarness.CreateCompilation(sources, RuntimeReferences).WithAssemblyName(assemblyName);
        var options = new Dictionary<string, string> { [ClientOptions.OutputPathProperty] = "clients" };
        if (pythonPackage is not null) options[ClientOptions.PythonPackageProperty] = pythonPackage;
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new IIncrementalGenerator[] { new TopicGenerator(), new TopicClientGenerator() }.Select(g => g.AsSourceGenerator()),
            parseOptions: RoslynHarness.ParseOptions,
            optionsProvider: new TestOptionsProvider(options));
        driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return EmbeddedClientFiles.Read(image, assemblyName) ?? throw new Xunit.Sdk.XunitException("no PromClientFiles in the compiled assembly");
    }

    private sealed class TestOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);
        public override AnalyzerConfigOptions GlobalOptions => _global;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
