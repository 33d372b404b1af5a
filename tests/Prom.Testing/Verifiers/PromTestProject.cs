using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Prom.Testing.Verifiers;

/// <summary>
/// What a Microsoft.CodeAnalysis.Testing project of ours compiles against, set once for every analyzer, code-fix and
/// generator test: the net10.0 reference assemblies (Basic.Reference.Assemblies.Net100, because
/// <c>ReferenceAssemblies.Net.Net100</c> asks the registry for a package version that is not served here),
/// Prom.Abstractions, the C# preview language and nullable enabled, as in a user's project.
/// </summary>
public static class PromTestProject
{
    /// <summary>
    /// A reference set that resolves no package: the framework's NuGet resolution finds nothing to download and the
    /// real references come from <see cref="References"/>.
    /// </summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    /// <summary>The references every test project gets: net10.0 and Prom.Abstractions.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(StructAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>The language version user projects of the package compile with.</summary>
    public static CSharpParseOptions ParseOptions => RoslynHarness.ParseOptions;

    /// <summary>A reference to the assembly that defines <typeparamref name="T"/> (e.g. Prom.Ecs, Prom.Topics).</summary>
    public static MetadataReference ReferenceTo<T>() => MetadataReference.CreateFromFile(typeof(T).Assembly.Location);

    /// <summary>
    /// Applies the project settings above to a test (an analyzer or a code-fix test): references without package
    /// resolution, C# preview with nullable on, compiler warnings counted as unexpected diagnostics (generated code
    /// must be warning-free), and markup ids resolved to the first descriptor (one id may have several descriptors,
    /// one message per subject).
    /// </summary>
    internal static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = NoPackages;
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        // The framework would compile every test a second time under '#pragma warning disable <expected ids>'; that
        // proves the compiler's pragma handling, not our analyzers, and doubles the suite's time (CI budget).
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        test.TestState.AdditionalReferences.AddRange(References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, ParseOptions);
        });
    }
}
