using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Prom.Testing;

/// <summary>
/// Compiles C# source text the way a user's project would be compiled: with the running framework's references,
/// Prom.Abstractions, our generators and our analyzers; for compile-and-run and generator tests (analyzer and code-fix
/// tests use Microsoft.CodeAnalysis.Testing through <see cref="Verifiers.PromAnalyzerTest"/>, golden tests of generated
/// text <see cref="Verifiers.PromGeneratorTest"/>).
/// </summary>
public static class RoslynHarness
{
    /// <summary>The language version user projects of the package compile with.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    /// <summary>A library compilation of the sources (file names <c>Source0.cs</c>, <c>Source1.cs</c>, …).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(sources, null);

    /// <summary>As <see cref="CreateCompilation(string[])"/>, with extra references (e.g. a runtime assembly).</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, IEnumerable<MetadataReference>? extraReferences,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "PromTest",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            TestReferences.All.AddRange(extraReferences ?? Enumerable.Empty<MetadataReference>()),
            new CSharpCompilationOptions(
                outputKind,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

    /// <summary>A generator driver; <paramref name="trackSteps"/> records incremental step reasons for caching tests.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<IIncrementalGenerator> generators, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generators, then the analyzers on the compilation that includes the generated code.</summary>
    public static CompilationRun Run(
        IEnumerable<string> sources,
        IEnumerable<IIncrementalGenerator> generators,
        IEnumerable<DiagnosticAnalyzer>? analyzers = null,
        IEnumerable<MetadataReference>? extraReferences = null,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        CSharpCompilation input = CreateCompilation(sources, extraReferences, outputKind);
        GeneratorDriver driver = CreateDriver(generators).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        ImmutableArray<DiagnosticAnalyzer> analyzerList = analyzers?.ToImmutableArray() ?? ImmutableArray<DiagnosticAnalyzer>.Empty;
        ImmutableArray<Diagnostic> analyzerDiagnostics = analyzerList.IsEmpty
            ? ImmutableArray<Diagnostic>.Empty
            : output.WithAnalyzers(analyzerList).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new CompilationRun(output, driver.GetRunResult(), analyzerDiagnostics);
    }

    /// <summary>Single-source overload of <see cref="Run(IEnumerable{string}, IEnumerable{IIncrementalGenerator}, IEnumerable{DiagnosticAnalyzer}, IEnumerable{MetadataReference})"/>.</summary>
    public static CompilationRun Run(string source, IEnumerable<IIncrementalGenerator> generators, IEnumerable<DiagnosticAnalyzer>? analyzers = null) =>
        Run(new[] { source }, generators, analyzers);
}
