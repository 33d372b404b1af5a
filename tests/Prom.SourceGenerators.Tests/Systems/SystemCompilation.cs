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

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>Compiles systems with every generator they need and the system analyzers, referencing Prom.Ecs.</summary>
internal static class SystemCompilation
{
    public const string Components = SystemTestSources.Components;

    public static IIncrementalGenerator[] Generators => new IIncrementalGenerator[] { new StructGenerator(), new ComponentGenerator(), new SystemGenerator() };

    public static CompilationRun Compile(params string[] sources) => RoslynHarness.Run(
        new[] { Components }.Concat(sources.Select(SystemTestSources.InNamespace)),
        Generators,
        new DiagnosticAnalyzer[] { new StructAnalyzer(), new ComponentAnalyzer(), new SystemAnalyzer(), new SystemAccessAnalyzer() },
        new[] { MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location) });
}
