using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Topics;
using Prom.SourceGenerators.Topics;
using Prom.Testing;

namespace Prom.Analyzers.Tests.Topics;

/// <summary>Runs the topic analyzers on source compiled with the topic generator and runtime, as in a user's build.</summary>
internal static class TopicDiagnostics
{
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Text.Json.Serialization;\nusing Prom;\nnamespace Ops;\n";

    public static readonly MetadataReference[] Runtime =
    {
        MetadataReference.CreateFromFile(typeof(Prom.Topics.TopicClient<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Prom.Bus.EventBus).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    };

    public static CompilationRun Run(params string[] sources) => RoslynHarness.Run(
        sources.Select(s => Usings + s),
        new IIncrementalGenerator[] { new TopicGenerator() },
        new DiagnosticAnalyzer[] { new TopicAnalyzer(), new TopicHeaderAnalyzer() },
        Runtime);

    /// <summary>Our diagnostics; the generator itself never reports on invalid input.</summary>
    public static Diagnostic[] Ours(params string[] sources)
    {
        CompilationRun run = Run(sources);
        Xunit.Assert.Empty(run.GeneratorDiagnostics);
        return run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Our diagnostics, and proof that the rest of the program (generated code included) compiles.</summary>
    public static Diagnostic[] OursOnCleanProgram(params string[] sources)
    {
        CompilationRun run = Run(sources);
        Xunit.Assert.Empty(run.GeneratorDiagnostics);
        Xunit.Assert.Empty(run.CompilerDiagnostics);
        return run.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToArray();
    }
}
