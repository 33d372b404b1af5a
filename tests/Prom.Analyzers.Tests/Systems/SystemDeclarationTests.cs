using System.Threading.Tasks;
using Prom.CodeFixes.Common;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemVerifier;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0200–PROM0204: what one [System] declaration and its Run signature may be.</summary>
public sealed class SystemDeclarationTests
{
    [Fact]
    public Task ValidSystemsOfEveryShape_AreSilent() => VerifyAsync("""
        [System] public partial class Movement { public void Run(ref Position position, in Velocity velocity, in Gravity gravity, Entity entity) { } }
        [System] public partial class Healing { public void Run(ColumnWriter<Health> health, ReadOnlySpan<Entity> entities, CommandBuffer commands) { } }
        [System] public partial class Report { public ValueTask Run(EffectWriter<string> effects, EventReader<int> events, CancellationToken token) => default; }
        [System] public partial class Jobs { public void Run(ColumnLease<Velocity> velocity, ref Gravity gravity) { } }
        """);

    [Fact]
    public Task RepeatedStage_ReportsPROM0213() => VerifyAsync(
        "[assembly: {|#0:Stages(\"startup\", \"update\", \"update\")|}]\n[System] public partial class Movement { public void Run(in Position position) { } }",
        Diagnostic("PROM0213", 0, "[assembly: Stages(...)] lists 'update' twice; every stage must have a name and appear once"));

    [Fact]
    public Task ComponentWithErrors_ReportsPROM0203InsteadOfGeneratingARunnerThatCannotCompile() => VerifyAsync(
        """
        [Struct, Component] public partial struct Broken { public partial string {|#0:Name|} { get; set; } }
        [System] public partial class Movement { public void Run(ref Broken {|#1:broken|}) { } }
        """,
        Diagnostic("PROM0002", 0, "Member 'Name' of [Struct] 'Broken' has type 'string', which holds managed references and cannot be part of a fixed-size blittable layout"),
        Diagnostic("PROM0203", 1, "Parameter 'broken' of 'Movement.Run' is not supported: 'Game.Broken' is a [Component] whose declaration has errors (see the diagnostics on it)"));

    [Fact]
    public Task NonPartialSystem_ReportsPROM0200() => VerifyAsync(
        "[System] public class {|#0:Movement|} { public void Run(in Position position) { } }",
        Diagnostic("PROM0200", 0, "'Movement' is marked [System] but is not partial; declare it 'partial class Movement' so the generator can add its runner"));

    [Fact]
    public Task MakePartial_FixesPROM0200() => CodeFix<MakePartialCodeFix>(
        "[System]\npublic class {|PROM0200:Movement|} { public void Run(in Position position) { } }",
        "[System]\npublic partial class Movement { public void Run(in Position position) { } }").RunAsync();

    [Fact]
    public Task MakePartial_FixAllMakesEverySystemPartial()
    {
        var test = CodeFix<MakePartialCodeFix>(
            "[System] public class {|PROM0200:Movement|} { public void Run(in Position position) { } }\n[System] public sealed class {|PROM0200:Healing|} { public void Run(ref Health health) { } }\n",
            "[System] public partial class Movement { public void Run(in Position position) { } }\n[System] public sealed partial class Healing { public void Run(ref Health health) { } }\n");
        test.BatchFixedState.Sources.Add(Prom.Testing.SystemTestSources.Components);
        test.BatchFixedState.Sources.Add(Prom.Testing.SystemTestSources.InNamespace(
            "[System] public partial class Movement { public void Run(in Position position) { } }\n[System] public sealed partial class Healing { public void Run(ref Health health) { } }\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task GenericOrNestedOrStaticSystems_ReportPROM0201() => VerifyAsync(
        """
        [System] public partial class {|#0:Generic|}<T> { public void Run(in Position position) { } }
        public partial class Outer { [System] public partial class {|#1:Inner|} { public void Run(in Position position) { } } }
        [System] public partial class {|#2:TwoConstructors|} { public TwoConstructors(int a) { } public TwoConstructors(string b) { } public void Run(in Position position) { } }
        """,
        Diagnostic("PROM0201", 0, "[System] 'Generic' must not be generic"),
        Diagnostic("PROM0201", 1, "[System] 'Inner' must be a top-level class, not nested in another type"),
        Diagnostic("PROM0201", 2, "[System] 'TwoConstructors' has several constructors and none without parameters; keep one, whose parameters come from the service provider"));

    [Fact]
    public Task MissingOrOverloadedRun_ReportsPROM0202() => VerifyAsync(
        """
        [System] public partial class {|#0:Nothing|} { public void Execute(in Position position) { } }
        [System] public partial class {|#1:Twice|} { public void Run(in Position position) { } public void Run(in Velocity velocity) { } }
        """,
        Diagnostic("PROM0202", 0, "[System] 'Nothing' has no Run method; declare one instance method named Run whose parameters say what the system reads and writes"),
        Diagnostic("PROM0202", 1, "[System] 'Twice' has 2 Run methods; declare one instance method named Run whose parameters say what the system reads and writes"));

    [Fact]
    public Task UnsupportedParameters_ReportPROM0203NamingTheParameter() => VerifyAsync(
        """
        [System] public partial class Bad
        {
            public void Run(out Position {|#0:position|}, World {|#1:world|}, Span<int> {|#2:numbers|}, ColumnWriter<Position> again, [Current] in Gravity {|#3:gravity|}) { position = default; }
        }
        """,
        Diagnostic("PROM0203", 0, "Parameter 'position' of 'Bad.Run' is not supported: 'out' parameters are not supported; use 'ref' to write an owned component or a resource"),
        Diagnostic("PROM0203", 1, "Parameter 'world' of 'Bad.Run' is not supported: a system does not take the World; declare what it reads and writes as parameters (components, resources, CommandBuffer)"),
        Diagnostic("PROM0203", 2, "Parameter 'numbers' of 'Bad.Run' is not supported: 'System.Span<int>' cannot be a world resource"),
        Diagnostic("PROM0203", 3, "Parameter 'gravity' of 'Bad.Run' is not supported: [Current] applies to [Component] parameters only"));

    [Fact]
    public Task SameComponentTwice_ReportsPROM0203() => VerifyAsync(
        "[System] public partial class Twice { public void Run(ref Position a, in Position {|#0:b|}) { } }",
        Diagnostic("PROM0203", 0, "Parameter 'b' of 'Twice.Run' is not supported: component 'Game.Position' is already taken by an earlier parameter; take each component once"));

    [Fact]
    public Task MixedShapesAndAsyncLoops_ReportPROM0204() => VerifyAsync(
        """
        [System] public partial class Mixed { public void {|#0:Run|}(ref Position position, ColumnReader<Velocity> velocity) { } }
        [System] public partial class AsyncLoop { public ValueTask {|#1:Run|}(ColumnReader<Velocity> velocity) => default; }
        [System] public partial class LeaseInLoop { public void {|#2:Run|}(in Position position, ColumnLease<Velocity> velocity) { } }
        [System(None = new[] { typeof(Health) })] public partial class {|#3:OnceWithFilter|} { public void Run(ref Gravity gravity) { } }
        [System(SkipIfEmpty = true)] public partial class {|#4:OnceSkipping|} { public void Run(ref Gravity gravity) { } }
        """,
        Diagnostic("PROM0204", 0, "'Mixed.Run' mixes per-entity parameters (position) with per-chunk parameters (velocity); write one Run per system, per entity or per chunk"),
        Diagnostic("PROM0204", 1, "'AsyncLoop.Run' returns ValueTask but runs per chunk; only a system that runs once per tick (no component, column or chunk parameters) may be async"),
        Diagnostic("PROM0204", 2, "'LeaseInLoop.Run' takes a column lease (velocity) together with loop parameters; a system that leases its columns runs once per tick and hands them to jobs"),
        Diagnostic("PROM0204", 3, "'OnceWithFilter.Run' runs once per tick, so it has no query for None/Any/Changed/SkipIfEmpty; take a component parameter or remove them"),
        Diagnostic("PROM0204", 4, "'OnceSkipping.Run' runs once per tick, so it has no query for None/Any/Changed/SkipIfEmpty; take a component parameter or remove them"));
}
