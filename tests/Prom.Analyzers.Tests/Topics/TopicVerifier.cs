using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Topics;
using Prom.SourceGenerators.Topics;
using Prom.Testing.Verifiers;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>
/// The topic analyzers on sources compiled with the topic generator and the runtime (Prom.Topics, Prom.Bus, DI,
/// logging), as in a user's build. Each source starts with <see cref="Usings"/> (namespace Ops).
/// </summary>
internal static class TopicVerifier
{
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Text.Json.Serialization;\nusing Prom;\nnamespace Ops;\n";

    private static readonly MetadataReference[] s_runtime =
    {
        PromTestProject.ReferenceTo<Prom.Topics.TopicClient<int>>(),
        PromTestProject.ReferenceTo<Prom.Bus.EventBus>(),
        PromTestProject.ReferenceTo<Microsoft.Extensions.DependencyInjection.IServiceCollection>(),
        PromTestProject.ReferenceTo<Microsoft.Extensions.Logging.ILogger>(),
    };

    /// <summary>The analyzers of [Topic] declarations and publish calls.</summary>
    public static DiagnosticAnalyzer[] DeclarationAnalyzers => new DiagnosticAnalyzer[] { new TopicAnalyzer(), new TopicHeaderAnalyzer() };

    /// <summary>Verifies one source (see <see cref="VerifyAsync(string[], DiagnosticResult[])"/>).</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => VerifyAsync(new[] { markup }, expected);

    /// <summary>Verifies that <paramref name="markups"/>, one file each, get exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string[] markups, params DiagnosticResult[] expected) => VerifyAsync(markups, DeclarationAnalyzers, expected);

    /// <summary>As <see cref="VerifyAsync(string[], DiagnosticResult[])"/> with the given analyzers.</summary>
    public static Task VerifyAsync(string[] markups, IEnumerable<DiagnosticAnalyzer> analyzers, params DiagnosticResult[] expected)
    {
        var test = new PromAnalyzerTest();
        Configure(test.TestState, markups);
        test.Analyzers.AddRange(analyzers);
        test.Generators.Add(typeof(TopicGenerator));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A code-fix test of <typeparamref name="TFix"/> on one topic source (<see cref="Usings"/> prepended).</summary>
    public static PromCodeFixTest CodeFix<TFix>(string markup, string fixedMarkup) where TFix : CodeFixProvider, new()
    {
        var test = new PromCodeFixTest { Fix = new TFix(), CodeActionEquivalenceKey = typeof(TFix).Name };
        Configure(test.TestState, new[] { markup });
        test.FixedState.Sources.Add(Usings + fixedMarkup);
        test.Analyzers.AddRange(DeclarationAnalyzers);
        test.Generators.Add(typeof(TopicGenerator));
        return test;
    }

    private static void Configure(SolutionState state, IEnumerable<string> markups)
    {
        foreach (string markup in markups) state.Sources.Add(Usings + markup);
        state.AdditionalReferences.AddRange(s_runtime);
    }
}
