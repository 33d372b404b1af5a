using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Properties;

/// <summary>
/// The property behind "generated code always compiles": for many generated declarations (valid and invalid, every
/// attribute kind), no compiler warning or error is located in a generated file, and every declaration the
/// generators gave no real output carries a PROM diagnostic (or a compiler error in the user's own code, e.g. an
/// unresolved type, which the compiler already explains). Seeded: a failure names its seed and source;
/// <c>PROM_FUZZ_SEED=n</c> replays one, <c>PROM_FUZZ_CASES=n</c> explores more (5 seeds per case),
/// <c>PROM_FUZZ_DUMP=dir</c> writes every source to <c>dir</c>.
/// </summary>
public sealed class GeneratedCodeAlwaysCompilesTests
{
    private const int UnitsPerCase = 6;

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("PROM_FUZZ_SEED"), out int one))
        {
            seeds.Add(one);
            return seeds;
        }
        int cases = int.TryParse(Environment.GetEnvironmentVariable("PROM_FUZZ_CASES"), out int n) ? n : 6;
        // Each theory row checks a batch of seeds, so a row stays a few seconds long.
        for (int batch = 0; batch < cases; batch++) seeds.Add(batch * 1000);
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnyDeclarations_GeneratedCodeCompilesOrAPromDiagnosticSaysWhy(int firstSeed)
    {
        int count = Environment.GetEnvironmentVariable("PROM_FUZZ_SEED") is null ? 5 : 1;
        var failures = new List<string>();
        for (int seed = firstSeed; seed < firstSeed + count; seed++)
        {
            string source = new DeclarationFuzzer(seed).Source(UnitsPerCase);
            if (Environment.GetEnvironmentVariable("PROM_FUZZ_DUMP") is { } dump) System.IO.File.WriteAllText(System.IO.Path.Combine(dump, $"seed{seed}.cs"), source);
            CompilationRun run = RoslynHarness.Run(new[] { source }, AllComponents.Generators(), AllComponents.Analyzers(), AllComponents.RuntimeReferences);
            failures.AddRange(Check(run, source).Select(problem => $"seed {seed}: {problem}"));
            if (failures.Count > 0)
            {
                throw new Xunit.Sdk.XunitException(string.Join("\n", failures) + "\n--- source ---\n" + source +
                    "\n--- generated ---\n" + string.Join("\n", run.GeneratedSources.Select(s => "// " + s.Key + "\n" + s.Value)));
            }
        }
    }

    private static IEnumerable<string> Check(CompilationRun run, string source)
    {
        foreach (Diagnostic diagnostic in run.GeneratedCodeDiagnostics)
        {
            yield return "generated code does not compile: " + DiagnosticText.Describe(diagnostic);
        }
        foreach (Diagnostic crash in run.GeneratorDiagnostics.Where(d => d.Id == "PROM0900"))
        {
            yield return "a generator failed: " + DiagnosticText.Describe(crash);
        }

        var ours = run.GeneratorDiagnostics.Concat(run.AnalyzerDiagnostics).Where(d => d.Id.StartsWith("PROM", StringComparison.Ordinal)).ToList();
        var userErrors = run.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !run.GeneratedCodeDiagnostics.Contains(d)).ToList();
        SourceText text = SourceText.From(source);
        foreach ((string unit, TextSpan span) in Units(source))
        {
            bool explained = ours.Concat(userErrors).Any(d => d.Location.IsInSource && span.Contains(d.Location.SourceSpan));
            if (explained) continue;
            // Silent: then every declaration of the unit must have real output, and the unit must compile.
            foreach (Match declaration in Regex.Matches(text.ToString(span), @"\[(Struct|Component|System|Topic)\b[^\]]*\][^{;]*?\b(?:record\s+struct|record\s+class|struct|class|record)\s+(@?\w+)"))
            {
                string kind = declaration.Groups[1].Value, name = declaration.Groups[2].Value.TrimStart('@');
                bool generated = run.GeneratedSources.Any(s => s.Key.Contains(unit + ".", StringComparison.Ordinal) &&
                    s.Key.Contains(name, StringComparison.Ordinal) && !s.Value.Contains("so no storage was generated", StringComparison.Ordinal));
                if (!generated) yield return $"{unit}: [{kind}] {name} got no output and no PROM diagnostic";
            }
        }
    }

    /// <summary>Each <c>namespace U{n} { ... }</c> block and its span.</summary>
    private static IEnumerable<(string Unit, TextSpan Span)> Units(string source)
    {
        MatchCollection starts = Regex.Matches(source, @"^namespace (U\d+)$", RegexOptions.Multiline);
        for (int i = 0; i < starts.Count; i++)
        {
            int start = starts[i].Index;
            int end = i + 1 < starts.Count ? starts[i + 1].Index : source.Length;
            yield return (starts[i].Groups[1].Value, TextSpan.FromBounds(start, end));
        }
    }
}
