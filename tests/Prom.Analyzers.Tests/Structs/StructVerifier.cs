using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Structs;
using Prom.Testing.Verifiers;

namespace Prom.Analyzers.Tests.Structs;

/// <summary>
/// The [Struct] analyzer on source compiled with the [Struct] generator, as in a user's build: the generator
/// reports the problems of a declaration that cannot receive code, the analyzer all others, and a diagnostic both
/// reported, or any compiler warning or error (also in generated code), fails the test as unexpected.
/// </summary>
internal static class StructVerifier
{
    /// <summary>The usings every test source starts with (prepended to the markup).</summary>
    public const string Usings = "using System;\nusing Prom;\n";

    /// <summary>Verifies that <paramref name="markup"/> (after <see cref="Usings"/>) gets exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected)
    {
        var test = new PromAnalyzerTest { TestCode = Usings + markup };
        test.Analyzers.Add(new StructAnalyzer());
        test.Generators.Add(typeof(StructGenerator));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A code-fix test of <typeparamref name="TFix"/> on [Struct] sources (<see cref="Usings"/> prepended to both).</summary>
    public static PromCodeFixTest CodeFix<TFix>(string markup, string fixedMarkup)
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new PromCodeFixTest
        {
            TestCode = Usings + markup,
            FixedCode = Usings + fixedMarkup,
            Fix = new TFix(),
            CodeActionEquivalenceKey = typeof(TFix).Name,
        };
        test.Analyzers.Add(new StructAnalyzer());
        test.Generators.Add(typeof(StructGenerator));
        return test;
    }
}
