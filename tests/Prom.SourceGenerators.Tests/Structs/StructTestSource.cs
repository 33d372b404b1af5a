using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Structs;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Compiles [Struct] test declarations with the generator and the analyzer.</summary>
internal static class StructTestSource
{
    public const string Usings = "using System;\nusing Prom;\nusing System.Runtime.CompilerServices;\nusing System.Runtime.InteropServices;\n";

    public static CompilationRun Compile(params string[] sources) =>
        RoslynHarness.Run(
            sources.Select((s, i) => i == 0 ? Usings + s : s),
            new IIncrementalGenerator[] { new StructGenerator() },
            new DiagnosticAnalyzer[] { new StructAnalyzer() });
}
