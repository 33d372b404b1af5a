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

    /// <summary>The generators a code fix test runs with (PROM0001 on a type that cannot receive code comes from the generator).</summary>
    public static IIncrementalGenerator[] Generators => new IIncrementalGenerator[] { new StructGenerator() };

    /// <summary>
    /// Our diagnostics, from the analyzer or (for declarations that cannot receive code) the generator, never both;
    /// and the generated code has no compiler error of its own.
    /// </summary>
    public static Diagnostic[] Ours(string source)
    {
        CompilationRun run = Analyze(source);
        run.AssertNoErrorInGeneratedCode();
        Diagnostic[] fromGenerator = run.GeneratorDiagnostics.ToArray();
        Diagnostic[] fromAnalyzer = run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToArray();
        Xunit.Assert.True(fromGenerator.Length == 0 || fromAnalyzer.Length == 0, "both the generator and the analyzer reported");
        return fromGenerator.Concat(fromAnalyzer).ToArray();
    }
}
