using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Prom.Testing.Verifiers;

/// <summary>
/// A Microsoft.CodeAnalysis.Testing source-generator test of our generators: <c>TestState.Sources</c> the user's
/// files, <c>TestState.GeneratedSources</c> every file the <see cref="Generators"/> must produce (all of them: one
/// missing or extra fails the test), and the compilation with the generated code must have no compiler warning or
/// error unless the test expects it (the project settings of <see cref="PromTestProject"/>); no listed file means
/// nothing may be generated. After a run,
/// <see cref="Generated"/> holds what the generators produced, so that a golden-file helper can rewrite its files.
/// </summary>
public sealed class PromGeneratorTest : CSharpSourceGeneratorTest<EmptySourceGeneratorProvider, DefaultVerifier>
{
    /// <summary>A test with the project settings of <see cref="PromTestProject"/>.</summary>
    public PromGeneratorTest()
    {
        PromTestProject.Configure(this);
    }

    /// <summary>The generators under test, in the order a build would run them (types: the framework creates them).</summary>
    public List<Type> Generators { get; } = new();

    /// <summary>Analyzers that run on the generated compilation (none by default: a golden test checks the generators).</summary>
    public List<DiagnosticAnalyzer> Analyzers { get; } = new();

    /// <summary>The files the generators produced in the last run: generator, hint name and text.</summary>
    public IReadOnlyList<GeneratedSource> Generated { get; private set; } = Array.Empty<GeneratedSource>();

    /// <inheritdoc/>
    protected override IEnumerable<Type> GetSourceGenerators() => Generators;

    /// <inheritdoc/>
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

    /// <inheritdoc/>
    protected override ParseOptions CreateParseOptions() => PromTestProject.ParseOptions;

    /// <inheritdoc/>
    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        (Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics) = await base.GetProjectCompilationAsync(project, verifier, cancellationToken).ConfigureAwait(false);
        // Generated trees follow the project's documents; each path ends with <generator type>/<hint name>.
        Generated = compilation.SyntaxTrees.Skip(project.DocumentIds.Count)
            .Select(tree => new GeneratedSource(GeneratorOf(tree.FilePath), Path.GetFileName(tree.FilePath), tree.GetText(cancellationToken).ToString()))
            .ToArray();
        return (compilation, generatorDiagnostics);
    }

    private Type GeneratorOf(string path)
    {
        string folder = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        return Generators.SingleOrDefault(type => type.FullName == folder)
            ?? throw new InvalidOperationException($"The generated file '{path}' names no generator of the test.");
    }
}
