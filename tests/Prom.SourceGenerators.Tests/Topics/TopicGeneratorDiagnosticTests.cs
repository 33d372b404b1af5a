using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Prom.SourceGenerators.Topics;
using Prom.Testing.Verifiers;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>
/// What the [Topic] generator itself reports (PROM0900, the generator-failure family) and what it leaves to the
/// analyzer, in Microsoft.CodeAnalysis.Testing: every diagnostic the test does not list fails it.
/// </summary>
public sealed class TopicGeneratorDiagnosticTests
{
    private static PromGeneratorTest Test(Type generator, string source)
    {
        var test = new PromGeneratorTest();
        test.TestState.Sources.Add(source);
        test.TestState.AdditionalReferences.AddRange(TopicTestSource.RuntimeReferences);
        test.Generators.Add(generator);
        return test;
    }

    [Fact]
    public Task InvalidTopic_GeneratesNothing_AndReportsNothing_TheAnalyzerExplains()
    {
        // No generated source listed: any output fails the test; no expected diagnostic: any generator report does.
        PromGeneratorTest test = Test(typeof(TopicGenerator), "using Prom; namespace Ops; [Topic(\"Foo.bar\")] public sealed record Bad(int X);");
        return test.RunAsync();
    }

    [Fact]
    public async Task EmitterFailure_BecomesPROM0900ForEachTopic_InsteadOfCrashingTheCompiler()
    {
        PromGeneratorTest test = Test(typeof(ThrowingTopicGenerator), TopicTestSource.Payloads);
        foreach (string topic in new[] { "HeartbeatV1", "Exited", "Snapshot" })
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("PROM0900", DiagnosticSeverity.Error).WithMessage(
                $"The [Topic] generator failed on '{topic}': InvalidOperationException: emitter broke; no code was generated for it, please report this"));
        }
        // The registry and read plans are still emitted and name the topic classes that failed, so the compilation
        // is not the subject here: only what the generator reports is.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        await test.RunAsync();
        Assert.DoesNotContain(test.Generated, file => file.HintName.EndsWith(".Topic.g.cs", StringComparison.Ordinal));
    }

    /// <summary>The topic generator with an emitter that throws (the framework creates generators from their type).</summary>
    public sealed class ThrowingTopicGenerator : IIncrementalGenerator
    {
        private readonly TopicGenerator _inner = new(_ => throw new InvalidOperationException("emitter broke"));

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context) => _inner.Initialize(context);
    }
}
