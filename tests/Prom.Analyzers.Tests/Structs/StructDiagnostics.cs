using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Structs;
using Prom.Testing;

namespace Prom.Analyzers.Tests.Structs;

/// <summary>Runs the [Struct] analyzer on source compiled with the generator, as in a user's build.</summary>
internal static class StructDiagnostics
{
    public const string Usings = "using System;\nusing Prom;\n";

    public static CompilationRun Analyze(string source) =>
        RoslynHarness.Run(Usings + source, new IIncrementalGenerator[] { new StructGenerator() }, new DiagnosticAnalyzer[] { new StructAnalyzer() });

    /// <summary>Our diagnostics, reported by the analyzer (the generator itself reports none for invalid input).</summary>
    public static Diagnostic[] Ours(string source)
    {
        CompilationRun run = Analyze(source);
        Xunit.Assert.Empty(run.GeneratorDiagnostics);
        return run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToArray();
    }
}
