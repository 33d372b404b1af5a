using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Prom.Testing.Verifiers;

/// <summary>
/// A Microsoft.CodeAnalysis.Testing analyzer test of our analyzers, run the way a user's build runs them: the
/// <see cref="Generators"/> run first and the analyzers see the generated code, so that a diagnostic that depends on
/// generated members (or that the generator itself reports) is tested as the user gets it. Markup pins the exact
/// span (<c>{|PROM0205:Movement|}</c> or <c>{|#0:Movement|}</c> with <see cref="PromDiagnostics.Diagnostic"/>),
/// every diagnostic the test does not expect fails it, and compiler warnings count too (generated code must be
/// warning-free). Generated sources are compared only when the test lists them in <c>TestState.GeneratedSources</c>.
/// </summary>
public sealed class PromAnalyzerTest : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>
{
    /// <summary>A test with the project settings of <see cref="PromTestProject"/>.</summary>
    public PromAnalyzerTest()
    {
        PromTestProject.Configure(this);
    }

    /// <summary>The analyzers under test (every analyzer whose diagnostics the test expects or forbids).</summary>
    public List<DiagnosticAnalyzer> Analyzers { get; } = new();

    /// <summary>Generators that run before the analyzers, as in a build (types: the framework creates them).</summary>
    public List<Type> Generators { get; } = new();

    /// <inheritdoc/>
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

    /// <inheritdoc/>
    protected override IEnumerable<Type> GetSourceGenerators() => Generators;

    /// <inheritdoc/>
    protected override ParseOptions CreateParseOptions() => PromTestProject.ParseOptions;

    /// <inheritdoc/>
    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (TestState.GeneratedSources.Count == 0) TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        return base.RunImplAsync(cancellationToken);
    }
}
