using Prom.Testing;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemSources;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0205 and PROM0208–PROM0212: problems of the schedule as a whole, found by the generator's planner.</summary>
public sealed class ScheduleDiagnosticTests
{
    [Fact]
    public void TwoOwners_ReportPROM0205NamingBothSystemsAndTheComponent() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Movement { public void Run(ref Position position) { } }
            [System] public partial class Teleport { public void Run(ColumnWriter<Position> position) { } }
            """),
        new ExpectedDiagnostic("PROM0205", "Teleport", "'Game.Position' is written by two systems, 'Movement' and 'Teleport'"));

    [Fact]
    public void Cycle_ReportsPROM0208NamingEverySystemInIt() => DiagnosticAssert.Exactly(
        Analyze("""
            [System(After = new[] { nameof(C) })] public partial class A { public void Run(in Position position) { } }
            [System(After = new[] { nameof(A) })] public partial class B { public void Run(in Position position) { } }
            [System(After = new[] { nameof(B) })] public partial class C { public void Run(in Position position) { } }
            [System(After = new[] { nameof(A) })] public partial class Outside { public void Run(in Position position) { } }
            """),
        new ExpectedDiagnostic("PROM0208", "A", "Systems 'A', 'B', 'C' of stage 'update' form an ordering cycle", "C → A (after)"));

    [Fact]
    public void CurrentReadOfALaterOwner_FormsACycleWithAfter() => DiagnosticAssert.Exactly(
        Analyze("""
            [System(After = new[] { nameof(Reader) })] public partial class Mover { public void Run(ref Position position) { } }
            [System] public partial class Reader { public void Run([Current] in Position position, ref Health health) { } }
            """),
        new ExpectedDiagnostic("PROM0208", "Mover", "'Mover', 'Reader'", "current Position"));

    [Fact]
    public void UnknownBeforeTarget_ReportsPROM0209() => DiagnosticAssert.Exactly(
        Analyze("[System(Before = new[] { \"Rendering\" })] public partial class Movement { public void Run(in Position position) { } }"),
        new ExpectedDiagnostic("PROM0209", "Movement", "runs before 'Rendering', but no [System] has that name (systems: Movement)"));

    [Fact]
    public void DuplicateNames_ReportPROM0210() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Movement { public void Run(in Position position) { } }
            [System(Name = "Movement")] public partial class Walking { public void Run(in Velocity velocity) { } }
            """),
        new ExpectedDiagnostic("PROM0210", "Walking", "System name 'Movement' is used by both 'Game.Movement' and 'Game.Walking'"));

    [Fact]
    public void UnknownStage_ReportsPROM0211ListingTheStages() => DiagnosticAssert.Exactly(
        Analyze("[System(Stage = \"physics\")] public partial class Movement { public void Run(in Position position) { } }"),
        new ExpectedDiagnostic("PROM0211", "Movement", "stage 'physics', which is not in the stage order (startup, update, late, render, cleanup)"));

    [Fact]
    public void DeclaredStages_AreKnown() => DiagnosticAssert.Exactly(Analyze("""
        [assembly: Stages("startup", "update", "physics")]
        [System(Stage = "physics")] public partial class Movement { public void Run(in Position position) { } }
        """));

    [Fact]
    public void AfterASystemOfALaterStage_ReportsPROM0212() => DiagnosticAssert.Exactly(
        Analyze("""
            [System(After = new[] { nameof(Draw) })] public partial class Movement { public void Run(in Position position) { } }
            [System(Stage = "render")] public partial class Draw { public void Run(in Velocity velocity) { } }
            [System(Stage = "late", After = new[] { nameof(Movement) })] public partial class Late { public void Run(in Health health) { } }
            """),
        new ExpectedDiagnostic("PROM0212", "Movement", "'Movement' must run after 'Draw', but 'Movement' is in stage 'update' and 'Draw' in stage 'render'"));
}
