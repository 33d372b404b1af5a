using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;
using Prom.Testing.Verifiers;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>
/// [System] sources next to the components of <see cref="SystemTestSources.Components"/> (a first file), compiled
/// with the [Struct], [Component] and [System] generators and every analyzer of those attributes, against Prom.Ecs.
/// </summary>
internal static class SystemVerifier
{
    /// <summary>A test of <paramref name="markup"/> as a second file (see <see cref="SystemTestSources.InNamespace"/>).</summary>
    public static PromAnalyzerTest Test(string markup)
    {
        var test = new PromAnalyzerTest();
        Configure(test.TestState, markup);
        test.Analyzers.AddRange(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[]
            { new StructAnalyzer(), new ComponentAnalyzer(), new SystemAnalyzer(), new SystemAccessAnalyzer() });
        test.Generators.AddRange(new[] { typeof(StructGenerator), typeof(ComponentGenerator), typeof(SystemGenerator) });
        return test;
    }

    /// <summary>Verifies that <paramref name="markup"/> gets exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected)
    {
        PromAnalyzerTest test = Test(markup);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A code-fix test of <typeparamref name="TFix"/> with the system analyzers and generators.</summary>
    public static PromCodeFixTest CodeFix<TFix>(string markup, string fixedMarkup) where TFix : CodeFixProvider, new()
    {
        var test = new PromCodeFixTest { Fix = new TFix(), CodeActionEquivalenceKey = typeof(TFix).Name };
        Configure(test.TestState, markup);
        test.FixedState.Sources.Add(SystemTestSources.Components);
        test.FixedState.Sources.Add(SystemTestSources.InNamespace(fixedMarkup));
        test.Analyzers.AddRange(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new SystemAnalyzer(), new SystemAccessAnalyzer() });
        test.Generators.AddRange(new[] { typeof(StructGenerator), typeof(ComponentGenerator), typeof(SystemGenerator) });
        return test;
    }

    private static void Configure(SolutionState state, string markup)
    {
        state.Sources.Add(SystemTestSources.Components);
        state.Sources.Add(SystemTestSources.InNamespace(markup));
        state.AdditionalReferences.Add(PromTestProject.ReferenceTo<Prom.Ecs.World>());
    }
}
