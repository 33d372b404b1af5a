using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Ecs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;
using Prom.Testing.Verifiers;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>
/// ECS code next to the test components (<see cref="SystemTestSources.Components"/>), compiled with the [Struct],
/// [Component] and [System] generators, the two ECS hazard analyzers and the system analyzer, against Prom.Ecs.
/// Any compiler error or warning fails the test, so every case is code a user could write.
/// </summary>
internal static class EcsVerifier
{
    /// <summary>Verifies that <paramref name="markup"/> (in namespace Game) gets exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected)
    {
        var test = new PromAnalyzerTest();
        test.TestState.Sources.Add(SystemTestSources.Components);
        test.TestState.Sources.Add(SystemTestSources.InNamespace(markup));
        test.TestState.AdditionalReferences.Add(PromTestProject.ReferenceTo<Prom.Ecs.World>());
        test.Analyzers.AddRange(new DiagnosticAnalyzer[] { new StructuralChangeAnalyzer(), new ColumnLifetimeAnalyzer(), new SystemAnalyzer() });
        test.Generators.AddRange(new[] { typeof(StructGenerator), typeof(ComponentGenerator), typeof(SystemGenerator) });
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
