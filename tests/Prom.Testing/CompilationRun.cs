using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Prom.Testing;

/// <summary>The outcome of compiling test source with generators and analyzers.</summary>
public sealed class CompilationRun
{
    internal CompilationRun(Compilation output, GeneratorDriverRunResult generatorRun, ImmutableArray<Diagnostic> analyzerDiagnostics)
    {
        Output = output;
        GeneratorRun = generatorRun;
        AnalyzerDiagnostics = analyzerDiagnostics;
    }

    /// <summary>The outcome of a generator driver run made by a caller (e.g. one with additional files), without analyzers.</summary>
    public static CompilationRun FromDriver(Compilation output, GeneratorDriverRunResult generatorRun) =>
        new(output, generatorRun, ImmutableArray<Diagnostic>.Empty);

    /// <summary>The compilation including every generated source.</summary>
    public Compilation Output { get; }

    /// <summary>The generator driver's result.</summary>
    public GeneratorDriverRunResult GeneratorRun { get; }

    /// <summary>Diagnostics reported by the generators themselves.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => GeneratorRun.Diagnostics;

    /// <summary>Diagnostics reported by the analyzers, on the compilation that includes generated code.</summary>
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }

    /// <summary>Warnings and errors of the final compilation (compiler diagnostics only).</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>Generated sources by hint name.</summary>
    public ImmutableDictionary<string, string> GeneratedSources =>
        GeneratorRun.Results.SelectMany(r => r.GeneratedSources).ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The one generated source whose hint name ends with <paramref name="suffix"/>.</summary>
    public string Generated(string suffix)
    {
        var matches = GeneratedSources.Where(s => s.Key.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected one generated source ending with '{suffix}', found {matches.Count}: {string.Join(", ", GeneratedSources.Keys)}");
        }
        return matches[0].Value;
    }

    /// <summary>Fails (naming every diagnostic) unless the generated program compiles with no warning or error.</summary>
    public CompilationRun AssertClean()
    {
        var all = GeneratorDiagnostics.Concat(AnalyzerDiagnostics).Concat(CompilerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (all.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Expected a clean compilation, got:\n" + DiagnosticText.Describe(all) +
                "\n--- generated ---\n" + string.Join("\n", GeneratedSources.Values));
        }
        return this;
    }

    /// <summary>Compiler errors and warnings located in a generated file.</summary>
    public ImmutableArray<Diagnostic> GeneratedCodeDiagnostics =>
        CompilerDiagnostics.Where(d => IsGenerated(d.Location.SourceTree)).ToImmutableArray();

    /// <summary>Fails (naming every diagnostic and the generated code) when a generated file has a compiler warning or error.</summary>
    public CompilationRun AssertNoErrorInGeneratedCode()
    {
        ImmutableArray<Diagnostic> inGenerated = GeneratedCodeDiagnostics;
        if (inGenerated.Length > 0)
        {
            throw new Xunit.Sdk.XunitException("Generated code does not compile:\n" + DiagnosticText.Describe(inGenerated) +
                "\n--- generated ---\n" + string.Join("\n", GeneratedSources.Values));
        }
        return this;
    }

    private bool IsGenerated(SyntaxTree? tree) =>
        tree is not null && GeneratorRun.GeneratedTrees.Contains(tree);

    /// <summary>Emits to memory and loads into a collectible context; fails with the errors when emit fails.</summary>
    public LoadedAssembly Load()
    {
        using var stream = new MemoryStream();
        var emit = Output.Emit(stream);
        if (!emit.Success)
        {
            throw new Xunit.Sdk.XunitException("Emit failed:\n" + DiagnosticText.Describe(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        stream.Position = 0;
        var context = new AssemblyLoadContext("prom-test-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}
