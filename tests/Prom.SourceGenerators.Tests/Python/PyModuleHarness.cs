using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Prom.Bridge;
using Prom.SourceGenerators.Python;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>A Python file handed to the generator as an additional file with its item metadata.</summary>
internal sealed record PyFile(string Path, string Text, string Module = "true", string? Namespace = null);

/// <summary>
/// Compiles C# with the typed-module generator and .py additional files the way MSBuild passes them
/// (<c>build_metadata.AdditionalFiles.*</c> options), with Prom.Bridge referenced so the wrappers compile and run.
/// </summary>
internal static class PyModuleHarness
{
    public const string RootNamespace = "App";

    /// <summary>A module of Python/Modules (copied next to the tests), as the generator would get it from /project.</summary>
    public static PyFile Module(string fileName) =>
        new("/project/" + fileName, File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Python", "Modules", fileName)));

    public static CompilationRun Run(IEnumerable<PyFile> files, params string[] sources)
    {
        CSharpCompilation input = RoslynHarness.CreateCompilation(sources, new[] { MetadataReference.CreateFromFile(typeof(PyBridge).Assembly.Location) });
        GeneratorDriver driver = CreateDriver(files, trackSteps: false, out _).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return CompilationRun.FromDriver(output, driver.GetRunResult());
    }

    /// <summary>A driver with the typed-module and [Struct] generators; <paramref name="texts"/> are the additional files it got.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<PyFile> files, bool trackSteps, out AdditionalText[] texts)
    {
        PyFile[] list = files.ToArray();
        texts = list.Select(f => (AdditionalText)new MemoryText(f.Path, f.Text)).ToArray();
        return CSharpGeneratorDriver.Create(
            new[] { new PyModuleGenerator().AsSourceGenerator(), new Prom.SourceGenerators.Structs.StructGenerator().AsSourceGenerator() },
            texts,
            RoslynHarness.ParseOptions,
            new Options(list),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>An additional file in memory.</summary>
    public sealed class MemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public MemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Item metadata per file plus the global RootNamespace property, as the SDK passes them.</summary>
    public sealed class Options : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, PyFile> _files;

        /// <summary>Options for <paramref name="files"/>; <paramref name="globals"/> adds build properties (e.g. PromClientsOutputPath).</summary>
        public Options(IEnumerable<PyFile> files, IReadOnlyDictionary<string, string>? globals = null)
        {
            _files = files.ToDictionary(f => f.Path);
            var values = new Dictionary<string, string> { ["build_property.RootNamespace"] = RootNamespace };
            foreach (KeyValuePair<string, string> global in globals ?? new Dictionary<string, string>()) values[global.Key] = global.Value;
            GlobalOptions = new Values(values);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var values = new Dictionary<string, string>();
            if (_files.TryGetValue(textFile.Path, out PyFile? file))
            {
                values[PyModuleInput.ModuleMetadata] = file.Module;
                if (file.Namespace is not null) values[PyModuleInput.NamespaceMetadata] = file.Namespace;
            }
            return new Values(values);
        }
    }

    private sealed class Values : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Values(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            bool found = _values.TryGetValue(key, out string? v);
            value = v ?? "";
            return found;
        }
    }

    /// <summary>Writes the modules into a new temporary directory that the Python child imports from.</summary>
    public static string WriteModules(IEnumerable<PyFile> files)
    {
        string directory = Directory.CreateTempSubdirectory("prom-pymod-").FullName;
        foreach (PyFile file in files) File.WriteAllText(System.IO.Path.Combine(directory, System.IO.Path.GetFileName(file.Path)), file.Text);
        return directory;
    }
}
