using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Prom.Testing.Verifiers;

/// <summary>
/// A Microsoft.CodeAnalysis.Testing code-fix test: <c>TestCode</c> with markup, <c>FixedCode</c> the whole fixed
/// file, <c>CodeActionEquivalenceKey</c> the key the fix must register (so that Fix All groups its actions), and,
/// for a fix with a batch fixer, <c>BatchFixedCode</c> the result of Fix All. As <see cref="PromAnalyzerTest"/>, the
/// <see cref="Generators"/> run before the analyzers; the fixed code is verified the same way (its remaining
/// diagnostics in <c>FixedState.ExpectedDiagnostics</c>, none by default).
/// </summary>
public sealed class PromCodeFixTest : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
{
    /// <summary>A test with the project settings of <see cref="PromTestProject"/>.</summary>
    public PromCodeFixTest()
    {
        PromTestProject.Configure(this);
    }

    /// <summary>The analyzers whose diagnostics the fix repairs (and any others the test expects).</summary>
    public List<DiagnosticAnalyzer> Analyzers { get; } = new();

    /// <summary>Generators that run before the analyzers, as in a build.</summary>
    public List<Type> Generators { get; } = new();

    /// <summary>The code fix under test.</summary>
    public CodeFixProvider? Fix { get; set; }

    /// <inheritdoc/>
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

    /// <inheritdoc/>
    protected override IEnumerable<Type> GetSourceGenerators() => Generators;

    /// <inheritdoc/>
    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() =>
        new[] { Fix ?? throw new InvalidOperationException("Set PromCodeFixTest.Fix to the code fix under test.") };

    /// <inheritdoc/>
    protected override ParseOptions CreateParseOptions() => PromTestProject.ParseOptions;

    /// <inheritdoc/>
    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (CodeActionEquivalenceKey is null) throw new InvalidOperationException("Set CodeActionEquivalenceKey: every fix is tested with the key it registers.");
        if (TestState.GeneratedSources.Count == 0) TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        return base.RunImplAsync(cancellationToken);
    }
}
