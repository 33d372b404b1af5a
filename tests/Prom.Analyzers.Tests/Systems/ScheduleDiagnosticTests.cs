using System.Threading.Tasks;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemVerifier;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0205 and PROM0208–PROM0212: problems of the schedule as a whole, found by the generator's planner.</summary>
public sealed class ScheduleDiagnosticTests
{
    [Fact]
    public Task TwoOwners_ReportPROM0205NamingBothSystemsAndTheComponent() => VerifyAsync(
        """
        [System] public partial class Movement { public void Run(ref Position position) { } }
        [System] public partial class {|#0:Teleport|} { public void Run(ColumnWriter<Position> position) { } }
        """,
        Diagnostic("PROM0205", 0, "'Game.Position' is written by two systems, 'Movement' and 'Teleport'; every component has exactly one owner: let one system write it and the other read it (in Game.Position) or emit an effect"));

    [Fact]
    public Task Cycle_ReportsPROM0208NamingEverySystemInIt() => VerifyAsync(
        """
        [System(After = new[] { nameof(C) })] public partial class {|#0:A|} { public void Run(in Position position) { } }
        [System(After = new[] { nameof(A) })] public partial class B { public void Run(in Position position) { } }
        [System(After = new[] { nameof(B) })] public partial class C { public void Run(in Position position) { } }
        [System(After = new[] { nameof(A) })] public partial class Outside { public void Run(in Position position) { } }
        """,
        Diagnostic("PROM0208", 0, "Systems 'A', 'B', 'C' of stage 'update' form an ordering cycle (C → A (after); A → B (after); B → C (after)); remove one of these Before/After/[Current] constraints"));

    [Fact]
    public Task CurrentReadOfALaterOwner_FormsACycleWithAfter() => VerifyAsync(
        """
        [System(After = new[] { nameof(Reader) })] public partial class {|#0:Mover|} { public void Run(ref Position position) { } }
        [System] public partial class Reader { public void Run([Current] in Position position, ref Health health) { } }
        """,
        Diagnostic("PROM0208", 0, "Systems 'Mover', 'Reader' of stage 'update' form an ordering cycle (Reader → Mover (after); Mover → Reader (current Position)); remove one of these Before/After/[Current] constraints"));

    [Fact]
    public Task UnknownBeforeTarget_ReportsPROM0209() => VerifyAsync(
        "[System(Before = new[] { \"Rendering\" })] public partial class {|#0:Movement|} { public void Run(in Position position) { } }",
        Diagnostic("PROM0209", 0, "System 'Movement' runs before 'Rendering', but no [System] has that name (systems: Movement)"));

    [Fact]
    public Task DuplicateNames_ReportPROM0210() => VerifyAsync(
        """
        [System] public partial class Movement { public void Run(in Position position) { } }
        [System(Name = "Movement")] public partial class {|#0:Walking|} { public void Run(in Velocity velocity) { } }
        """,
        Diagnostic("PROM0210", 0, "System name 'Movement' is used by both 'Game.Movement' and 'Game.Walking'; give one of them another [System(Name = ...)]"));

    [Fact]
    public Task UnknownStage_ReportsPROM0211ListingTheStages() => VerifyAsync(
        "[System(Stage = \"physics\")] public partial class {|#0:Movement|} { public void Run(in Position position) { } }",
        Diagnostic("PROM0211", 0, "System 'Movement' runs in stage 'physics', which is not in the stage order (startup, update, late, render, cleanup); use one of them or declare it with [assembly: Stages(...)]"));

    [Fact]
    public Task DeclaredStages_AreKnown() => VerifyAsync("""
        [assembly: Stages("startup", "update", "physics")]
        [System(Stage = "physics")] public partial class Movement { public void Run(in Position position) { } }
        """);

    [Fact]
    public Task AfterASystemOfALaterStage_ReportsPROM0212() => VerifyAsync(
        """
        [System(After = new[] { nameof(Draw) })] public partial class {|#0:Movement|} { public void Run(in Position position) { } }
        [System(Stage = "render")] public partial class Draw { public void Run(in Velocity velocity) { } }
        [System(Stage = "late", After = new[] { nameof(Movement) })] public partial class Late { public void Run(in Health health) { } }
        """,
        Diagnostic("PROM0212", 0, "System 'Movement' must run after 'Draw', but 'Movement' is in stage 'update' and 'Draw' in stage 'render', which run the other way round"));
}
