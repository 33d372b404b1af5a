using Prom.Testing;
using Xunit;
using static Prom.SourceGenerators.Tests.Systems.SystemCompilation;

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>Generated runners run under the real scheduler: every Run shape, hooks, resources, effects and leases.</summary>
public sealed class SystemExecutionTests
{
    [Fact]
    public void PerEntitySystem_MovesEntitiesSpawnedAtStartup()
    {
        string result = Execute("""
            [System(Stage = "startup")]
            public partial class Spawn
            {
                public void Run(CommandBuffer commands)
                {
                    for (int i = 0; i < 10; i++)
                    {
                        Entity e = commands.Create();
                        commands.Add(e, new Position { X = i, Y = 0 });
                        commands.Add(e, new Velocity { X = 1, Y = 2 });
                    }
                }
            }

            [System]
            public partial class Movement
            {
                public void Run(ref Position position, in Velocity velocity, in FrameTime time)
                {
                    position.X += velocity.X * time.DeltaSeconds;
                    position.Y += velocity.Y * time.DeltaSeconds;
                }
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    for (int tick = 0; tick < 3; tick++) scheduler.Tick(0.5f);
                    float sumX = 0, sumY = 0;
                    foreach ((Entity _, EntityRow _, Position p) in world.Query().All<Position>().Build().Tuples<Position>()) { sumX += p.X; sumY += p.Y; }
                    return $"{world.Query().All<Position>().Build().Count()} {sumX} {sumY}";
                }
            }
            """);
        // Startup runs and commits before the first tick, so all three ticks move them: x = i + 3 * 0.5, y = 3 * 2 * 0.5.
        Assert.Equal("10 60 30", result);
    }

    [Fact]
    public void PerChunkSystem_WritesNamedColumnsAndAChangedFilterSeesOnlyChangedRows()
    {
        string result = Execute("""
            [System]
            public partial class Drift
            {
                public void Run(PositionWriteColumns position, VelocityReadColumns velocity)
                {
                    for (int row = 0; row < position.Count; row++)
                    {
                        bool moves = velocity.X[row] != 0;
                        position.NextX[row] = position.X[row] + velocity.X[row];
                        position.NextY[row] = position.Y[row];
                        if (moves) position.MarkChanged(row);
                    }
                }
            }

            [System(Changed = new[] { typeof(Position) })]
            public partial class CountMoves
            {
                public void Run(in Position position, ref Gravity counter) => counter.Value += 1;
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    world.SetResource(new Gravity());
                    for (int i = 0; i < 100; i++) world.Create(new Position { X = i }, new Velocity { X = i % 4 == 0 ? 1 : 0 });
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    for (int tick = 0; tick < 3; tick++) scheduler.Tick(1f);
                    float sum = 0;
                    foreach ((Entity _, EntityRow _, Position p) in world.Query().All<Position>().Build().Tuples<Position>()) sum += p.X;
                    return $"{sum} {world.Resource<Gravity>().Value}";
                }
            }
            """);
        // 25 movers advance 3 times (4950 + 75). CountMoves sees all 100 rows in tick 1 (created = changed), then only
        // the 25 rows Drift marked changed in ticks 2 and 3: 100 + 25 + 25.
        Assert.Equal("5025 150", result);
    }

    [Fact]
    public void OnceSystems_EmitEffectsWhoseResultsArriveAsEventsInTheNextTick()
    {
        string result = Execute("""
            public readonly record struct Ping(int Number);
            public readonly record struct Pong(int Number);

            [System]
            public partial class Asker
            {
                private int _next;
                public void Run(EffectWriter<Ping> effects, EventReader<Pong> answers, ref Log log, in FrameTime time)
                {
                    foreach (Pong pong in answers) log.Lines.Add($"t{time.Tick}:pong{pong.Number}");
                    effects.Add(new Ping(_next++));
                }
            }

            [System(After = new[] { nameof(Asker) })]
            public partial class Waiter
            {
                public async ValueTask Run(CancellationToken cancellationToken) => await Task.Yield();
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    world.SetResource(new Log());
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    scheduler.Effects.Handle<Ping, Pong>(ping => new Pong(ping.Number * 10));
                    for (int tick = 0; tick < 3; tick++) scheduler.Tick(1f);
                    return string.Join(",", world.Resource<Log>().Lines);
                }
            }
            """);
        Assert.Equal("t1:pong0,t2:pong10", result);
    }

    [Fact]
    public void Hooks_RunAroundRun_SkipIfEmptySkipsAll_ConstructorTakesServices()
    {
        string result = Execute("""
            public sealed class Greeting { public string Text => "hi"; }

            [System(SkipIfEmpty = true)]
            public partial class Hooked
            {
                private readonly Greeting _greeting;
                public Hooked(Greeting greeting) => _greeting = greeting;
                public void Prepare() => Trace.Add("prepare");
                public void Run(in Health health) => Trace.Add(_greeting.Text + health.Value);
                public void Cleanup() => Trace.Add("cleanup");
                public static System.Collections.Generic.List<string> Trace { get; } = new();
            }

            public sealed class Services : IServiceProvider
            {
                public object? GetService(Type serviceType) => serviceType == typeof(Greeting) ? new Greeting() : null;
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world, services: new Services());
                    scheduler.Tick(1f);                        // no entity: skipped, no hooks
                    world.Create(new Health { Value = 7 });
                    scheduler.Tick(1f);
                    return string.Join(",", Hooked.Trace);
                }
            }
            """);
        Assert.Equal("prepare,hi7,cleanup", result);
    }

    [Fact]
    public void LeaseSystem_ShardsOwnedColumnsAcrossJobs()
    {
        string result = Execute("""
            [System]
            public partial class Integrate
            {
                public async ValueTask Run(ColumnLease<Position> positions, CancellationToken cancellationToken)
                {
                    await positions.RunShardsAsync(4, static (columns, start, count) =>
                    {
                        var x = columns.Next<float>(0); var y = columns.Next<float>(1);
                        var px = columns.Prev<float>(0); var py = columns.Prev<float>(1);
                        for (int row = start; row < start + count; row++) { x[row] = px[row] * 2; y[row] = py[row] + 1; }
                        columns.MarkChangedRange(start, count);
                    }, cancellationToken);
                }
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World(new WorldOptions { ChunkCapacity = 64 });
                    for (int i = 0; i < 1000; i++) world.Create(new Position { X = i, Y = 0 });
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    scheduler.Tick(1f);
                    scheduler.Tick(1f);
                    float sumX = 0, sumY = 0;
                    foreach ((Entity _, EntityRow _, Position p) in world.Query().All<Position>().Build().Tuples<Position>()) { sumX += p.X; sumY += p.Y; }
                    return $"{sumX} {sumY} {world.Query().Changed<Position>().Build().Count()}";
                }
            }
            """);
        Assert.Equal("1998000 2000 1000", result);
    }

    [Fact]
    public void DeclaredStageOrder_RunsStagesInThatOrder_AndAFailingSystemIsNamed()
    {
        CompilationRun run = Compile("""
            [System(Stage = "physics")] public partial class Physics { public void Run(ref Log log) => log.Lines.Add("physics"); }
            [System(Stage = "input")] public partial class Input { public void Run(ref Log log) => log.Lines.Add("input"); }
            [System(Stage = "render")] public partial class Render
            {
                public void Run(ref Log log, in FrameTime time)
                {
                    log.Lines.Add("render");
                    if (time.Tick == 1) throw new InvalidOperationException("no frame buffer");
                }
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    world.SetResource(new Log());
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    scheduler.Tick(1f);
                    string failure = "";
                    try { scheduler.Tick(1f); } catch (SystemFailedException e) { failure = e.SystemName + ": " + e.Failures[0].Exception.Message; }
                    return string.Join(",", world.Resource<Log>().Lines) + " | " + failure;
                }
            }
            """,
            "[assembly: Prom.Stages(\"input\", \"physics\", \"render\")]").AssertClean();
        using LoadedAssembly assembly = run.Load();
        Assert.Equal("input,physics,render,input,physics,render | Render: no frame buffer", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    private static string Execute(string source)
    {
        CompilationRun run = Compile(source).AssertClean();
        using LoadedAssembly assembly = run.Load();
        return assembly.Invoke<string>("Game.Probe", "Run");
    }
}
