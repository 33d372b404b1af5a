using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Structs;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Declaration forms beyond the layout cases, and the generator's failure path.</summary>
public sealed class StructDeclarationTests
{
    [Fact]
    public void NestedInPartialClassesAndRecordStructs_Generate()
    {
        CompilationRun run = StructTestSource.Compile("""
            namespace Game;
            public static partial class Outer
            {
                public partial class Inner
                {
                    [Struct] public partial record struct Sample { public partial int A { get; init; } public partial float B { get; set; } }
                }
            }
            public static class Probe
            {
                public static string Run()
                {
                    var s = new Outer.Inner.Sample { A = 7, B = 2.5f };
                    var bytes = new byte[Outer.Inner.Sample.Layout.Size];
                    Outer.Inner.Sample.Write(s, bytes);
                    return Outer.Inner.Sample.Read(bytes).ToString();
                }
            }
            """).AssertClean();
        using LoadedAssembly assembly = run.Load();
        Assert.Equal("Sample { A = 7, B = 2.5 }", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    [Fact]
    public void GlobalNamespace_Generates()
    {
        CompilationRun run = StructTestSource.Compile("[Struct] public partial struct Flat { public partial double V { get; set; } }").AssertClean();
        Assert.Contains("partial struct Flat : global::Prom.IStruct<global::Flat>", run.Generated("Flat.Struct.g.cs"));
    }

    [Fact]
    public void InvalidDeclaration_GetsAPlaceholderSoOnlyThePromDiagnosticRemains()
    {
        // Without the placeholder the compiler reports CS9248 for S and A, and a command-line build stops before
        // the analyzer's PROM0002 is shown.
        CompilationRun run = StructTestSource.Compile("""
            [Struct] public partial struct Bad { public partial string? S { get; set; } public partial ref int A { get; } }
            public static class Use { public static string? Read(Bad b) => b.S; }
            """);
        Assert.Contains("throw new global::System.InvalidOperationException", run.Generated("Bad.Struct.g.cs"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal("PROM0002", Assert.Single(run.AnalyzerDiagnostics).Id);
    }

    [Fact]
    public void NonPartialStruct_IsReportedByTheGeneratorBecauseTheCompilerWouldHideTheAnalyzer()
    {
        CompilationRun run = StructTestSource.Compile("[Struct] public struct Bad { public string S; }");
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.AnalyzerDiagnostics);
        Assert.Equal(new[] { "PROM0001", "PROM0008" }, run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id).ToArray());
        Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location.IsInSource, "a generator diagnostic is located in the user's source tree"));
    }

    [Fact]
    public void EmitterFailure_BecomesPROM0900AndOtherStructsStillGenerate()
    {
        var generator = new StructGenerator(model => model.Name == "Broken"
            ? throw new InvalidOperationException("emitter exploded")
            : StructGenerator.Emitter.Emit(model));
        CompilationRun run = RoslynHarness.Run(
            StructTestSource.Usings + """
            [Struct] public partial struct Broken { public partial int A { get; set; } }
            [Struct] public partial struct Fine { public partial int A { get; set; } }
            """,
            new IIncrementalGenerator[] { generator });

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PROM0900", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("The [Struct] generator failed on 'Broken': InvalidOperationException: emitter exploded", error.GetMessage());
        Assert.Equal(new[] { "Fine.Struct.g.cs" }, run.GeneratedSources.Keys.ToArray());
    }
}
