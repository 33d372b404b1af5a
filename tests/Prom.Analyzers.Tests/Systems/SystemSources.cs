using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>Compiles [System] sources next to a few components, with the generators and every system analyzer.</summary>
internal static class SystemSources
{
    public const string Components = SystemTestSources.Components;

    /// <summary>The PROM diagnostics the analyzers report for <paramref name="systems"/> (see <see cref="SystemTestSources.InNamespace"/>).</summary>
    public static Diagnostic[] Analyze(params string[] systems) =>
        RoslynHarness.Run(
                new[] { Components }.Concat(systems.Select(SystemTestSources.InNamespace)),
                new IIncrementalGenerator[] { new StructGenerator(), new ComponentGenerator(), new SystemGenerator() },
                new DiagnosticAnalyzer[] { new StructAnalyzer(), new ComponentAnalyzer(), new SystemAnalyzer(), new SystemAccessAnalyzer() },
                new[] { MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location) })
            .AnalyzerDiagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("PROM", System.StringComparison.Ordinal))
            .ToArray();
}
