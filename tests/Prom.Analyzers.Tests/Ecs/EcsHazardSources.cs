using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Ecs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;
using Xunit.Sdk;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>Compiles ECS code next to the test components with the generators and the two ECS hazard analyzers.</summary>
internal static class EcsHazardSources
{
    public static MetadataReference Ecs { get; } = MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location);

    public static IIncrementalGenerator[] Generators => new IIncrementalGenerator[] { new StructGenerator(), new ComponentGenerator(), new SystemGenerator() };

    /// <summary>
    /// The PROM diagnostics of <paramref name="source"/> (in namespace Game, see <see cref="SystemTestSources.InNamespace"/>);
    /// fails on a compiler error, so every case is code a user could write.
    /// </summary>
    public static Diagnostic[] Analyze(string source)
    {
        CompilationRun run = RoslynHarness.Run(
            new[] { SystemTestSources.Components, SystemTestSources.InNamespace(source) },
            Generators,
            new DiagnosticAnalyzer[] { new StructuralChangeAnalyzer(), new ColumnLifetimeAnalyzer(), new SystemAnalyzer() },
            new[] { Ecs });
        var errors = run.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new XunitException("The test source does not compile:\n" + DiagnosticText.Describe(errors));
        return run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToArray();
    }
}
