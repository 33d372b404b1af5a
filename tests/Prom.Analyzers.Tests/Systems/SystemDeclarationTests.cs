using Prom.Analyzers.Systems;
using Prom.CodeFixes.Common;
using Prom.Testing;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemSources;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0200–PROM0204: what one [System] declaration and its Run signature may be.</summary>
public sealed class SystemDeclarationTests
{
    [Fact]
    public void ValidSystemsOfEveryShape_AreSilent() => DiagnosticAssert.Exactly(Analyze("""
        [System] public partial class Movement { public void Run(ref Position position, in Velocity velocity, in Gravity gravity, Entity entity) { } }
        [System] public partial class Healing { public void Run(ColumnWriter<Health> health, ReadOnlySpan<Entity> entities, CommandBuffer commands) { } }
        [System] public partial class Report { public ValueTask Run(EffectWriter<string> effects, EventReader<int> events, CancellationToken token) => default; }
        [System] public partial class Jobs { public void Run(ColumnLease<Velocity> velocity, ref Gravity gravity) { } }
        """));

    [Fact]
    public void RepeatedStage_ReportsPROM0213() => DiagnosticAssert.Exactly(
        Analyze("[assembly: Stages(\"startup\", \"update\", \"update\")]\n[System] public partial class Movement { public void Run(in Position position) { } }"),
        new ExpectedDiagnostic("PROM0213", "Stages(\"startup\", \"update\", \"update\")", "lists 'update' twice"));

    [Fact]
    public void ComponentWithErrors_ReportsPROM0203InsteadOfGeneratingARunnerThatCannotCompile() => DiagnosticAssert.Exactly(
        Analyze("""
            [Struct, Component] public partial struct Broken { public partial string Name { get; set; } }
            [System] public partial class Movement { public void Run(ref Broken broken) { } }
            """),
        new ExpectedDiagnostic("PROM0002", "Name", "'Broken'"),
        new ExpectedDiagnostic("PROM0203", "broken", "'Game.Broken' is a [Component] whose declaration has errors"));

    [Fact]
    public void NonPartialSystem_ReportsPROM0200() => DiagnosticAssert.Exactly(
        Analyze("[System] public class Movement { public void Run(in Position position) { } }"),
        new ExpectedDiagnostic("PROM0200", "Movement", "'Movement' is marked [System] but is not partial"));

    [Fact]
    public void MakePartial_FixesPROM0200()
    {
        const string components = "using Prom;\n[Struct, Component] public partial struct Position { public partial float X { get; set; } }\n";
        string fixedSource = CodeFixHarness.Apply(
            components + "[System]\npublic class Movement { public void Run(in Position position) { } }",
            new SystemAnalyzer(), new MakePartialCodeFix(), "PROM0200");
        Assert.Contains("public partial class Movement", fixedSource);
        DiagnosticAssert.Exactly(Analyze(fixedSource.Substring(components.Length)));
    }

    [Fact]
    public void GenericOrNestedOrStaticSystems_ReportPROM0201() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Generic<T> { public void Run(in Position position) { } }
            public partial class Outer { [System] public partial class Inner { public void Run(in Position position) { } } }
            [System] public partial class TwoConstructors { public TwoConstructors(int a) { } public TwoConstructors(string b) { } public void Run(in Position position) { } }
            """),
        new ExpectedDiagnostic("PROM0201", "Generic", "must not be generic"),
        new ExpectedDiagnostic("PROM0201", "Inner", "must be a top-level class"),
        new ExpectedDiagnostic("PROM0201", "TwoConstructors", "has several constructors"));

    [Fact]
    public void MissingOrOverloadedRun_ReportsPROM0202() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Nothing { public void Execute(in Position position) { } }
            [System] public partial class Twice { public void Run(in Position position) { } public void Run(in Velocity velocity) { } }
            """),
        new ExpectedDiagnostic("PROM0202", "Nothing", "has no Run method"),
        new ExpectedDiagnostic("PROM0202", "Twice", "has 2 Run methods"));

    [Fact]
    public void UnsupportedParameters_ReportPROM0203NamingTheParameter() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Bad
            {
                public void Run(out Position position, World world, Span<int> numbers, ColumnWriter<Position> again, [Current] in Gravity gravity) { position = default; }
            }
            """),
        new ExpectedDiagnostic("PROM0203", "position", "Parameter 'position' of 'Bad.Run'", "'out' parameters are not supported"),
        new ExpectedDiagnostic("PROM0203", "world", "does not take the World"),
        new ExpectedDiagnostic("PROM0203", "numbers", "cannot be a world resource"),
        new ExpectedDiagnostic("PROM0203", "gravity", "[Current] applies to [Component] parameters only"));

    [Fact]
    public void SameComponentTwice_ReportsPROM0203() => DiagnosticAssert.Exactly(
        Analyze("[System] public partial class Twice { public void Run(ref Position a, in Position b) { } }"),
        new ExpectedDiagnostic("PROM0203", "b", "already taken by an earlier parameter"));

    [Fact]
    public void MixedShapesAndAsyncLoops_ReportPROM0204() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Mixed { public void Run(ref Position position, ColumnReader<Velocity> velocity) { } }
            [System] public partial class AsyncLoop { public ValueTask Run(ColumnReader<Velocity> velocity) => default; }
            [System] public partial class LeaseInLoop { public void Run(in Position position, ColumnLease<Velocity> velocity) { } }
            [System(None = new[] { typeof(Health) })] public partial class OnceWithFilter { public void Run(ref Gravity gravity) { } }
            [System(SkipIfEmpty = true)] public partial class OnceSkipping { public void Run(ref Gravity gravity) { } }
            """),
        new ExpectedDiagnostic("PROM0204", "Run", "mixes per-entity parameters (position) with per-chunk parameters (velocity)"),
        new ExpectedDiagnostic("PROM0204", "Run", "returns ValueTask but runs per chunk"),
        new ExpectedDiagnostic("PROM0204", "Run", "takes a column lease (velocity)"),
        new ExpectedDiagnostic("PROM0204", "OnceWithFilter", "runs once per tick, so it has no query"),
        new ExpectedDiagnostic("PROM0204", "OnceSkipping", "runs once per tick, so it has no query"));
}
