using Prom.Testing;
using Xunit;
using static Prom.SourceGenerators.Tests.Systems.SystemCompilation;

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>The must-holds for generated systems: double-buffer reads, determinism, SkipIfEmpty, loop equivalence.</summary>
public sealed class ScheduleSemanticsTests
{
    [Fact]
    public void ReaderInTheOwnersBatch_SeesLastTicksValue()
    {
        string result = Execute("""
            [System] public partial class Mover { public void Run(ref Position position) => position.X += 1; }
            [System] public partial class Watcher { public void Run(in Position position, ref Log log) => log.Lines.Add(position.X.ToString()); }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    world.SetResource(new Log());
                    Entity entity = world.Create(new Position { X = 10 });
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    for (int tick = 0; tick < 3; tick++) scheduler.Tick(1f);
                    return Prom.Generated.PromSystems.Plan.Stages[0].Batches.Count + " " + string.Join(",", world.Resource<Log>().Lines) + " " + world.Get<Position>(entity).X;
                }
            }
            """);
        // One batch (owner and reader never conflict); the reader sees 10, 11, 12 while the owner writes 11, 12, 13.
        Assert.Equal("1 10,11,12 13", result);
    }

    private const string Simulation = """
        [System] public partial class Accelerate { public void Run(ref Velocity velocity, in Position position, in FrameTime time) { velocity.X -= position.X * 0.01f * time.DeltaSeconds; velocity.Y += 0.5f * time.DeltaSeconds; } }
        [System] public partial class Integrate { public void Run(PositionWriteColumns position, VelocityReadColumns velocity, in FrameTime time) { Prom.Ecs.Simd.SoaKernels.MultiplyAdd(position.NextX, position.X, velocity.X, time.DeltaSeconds); Prom.Ecs.Simd.SoaKernels.MultiplyAdd(position.NextY, position.Y, velocity.Y, time.DeltaSeconds); position.Columns.MarkAllChanged(); } }
        [System] public partial class Wear { public void Run(ref Health health, in Velocity velocity, ref Gravity total) { if (velocity.Y > 1) health.Value -= 1; total.Value += health.Value; } }
        [System(After = new[] { "Wear" })] public partial class Spawner { public void Run(CommandBuffer commands, in FrameTime time) { if (time.Tick % 5 == 0) { Entity e = commands.Create(); commands.Add(e, new Position { X = time.Tick }); commands.Add(e, new Velocity { Y = 1 }); commands.Add(e, new Health { Value = 100 }); } } }
        """;

    private const string StateProbe = """
        public static class Probe
        {
            public static string Run()
            {
                var hashes = new System.Collections.Generic.HashSet<string>();
                for (int run = 0; run < 10; run++)
                {
                    var world = new World(new WorldOptions { ChunkCapacity = 64 });
                    world.SetResource(new Gravity());
                    for (int i = 0; i < 500; i++) world.Create(new Position { X = i, Y = -i }, new Velocity { X = i % 3 }, new Health { Value = 100 + i });
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world, new SchedulerOptions { MaxDegreeOfParallelism = 4 });
                    for (int tick = 0; tick < 40; tick++) scheduler.Tick(0.1f);
                    var hash = new System.HashCode();
                    foreach ((Entity entity, EntityRow _, Position p) in world.Query().All<Position>().Build().Tuples<Position>())
                    {
                        hash.Add(entity); hash.Add(System.BitConverter.SingleToInt32Bits(p.X)); hash.Add(System.BitConverter.SingleToInt32Bits(p.Y));
                        Velocity v = world.Get<Velocity>(entity); hash.Add(System.BitConverter.SingleToInt32Bits(v.X)); hash.Add(System.BitConverter.SingleToInt32Bits(v.Y));
                        hash.Add(world.Get<Health>(entity).Value);
                    }
                    hashes.Add(hash.ToHashCode() + ":" + System.BitConverter.SingleToInt32Bits(world.Resource<Gravity>().Value) + ":" + world.Query().All<Position>().Build().Count());
                }
                return string.Join(";", hashes);
            }
        }
        """;

    [Fact]
    public void FinalState_IsBitIdenticalAcrossRegistrationOrdersAndParallelRuns()
    {
        string[] systems = Simulation.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        string forward = Execute(string.Join("\n", systems) + "\n" + StateProbe);
        string backward = Execute(string.Join("\n", System.Linq.Enumerable.Reverse(systems)) + "\n" + StateProbe);
        Assert.DoesNotContain(";", forward);   // 10 parallel runs, one distinct state
        Assert.Equal(forward, backward);      // and the same state when the systems are declared the other way round
    }

    [Fact]
    public void SkipIfEmptyWithAChangedFilter_SkipsATickWithNoChange()
    {
        string result = Execute("""
            [System] public partial class Nudge { public void Run(ref Position position, in FrameTime time) { if (time.Tick == 2) position.X += 1; } }
            [System(SkipIfEmpty = true, Changed = new[] { typeof(Position) })]
            public partial class React
            {
                public void Prepare() => Prepared++;
                public void Run(in Position position, in FrameTime time) => Ran.Add(time.Tick);
                public static int Prepared;
                public static System.Collections.Generic.List<long> Ran { get; } = new();
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    world.Create(new Position { X = 1 });
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    for (int tick = 0; tick < 5; tick++) scheduler.Tick(1f);
                    return "ran in ticks " + string.Join(",", React.Ran) + ", prepared " + React.Prepared + " times";
                }
            }
            """);
        // Tick 0 sees the creation as a change; Nudge changes Position in tick 2, visible in tick 3. Ticks 1, 2 and 4
        // have no change, so React is skipped entirely (not even Prepare runs).
        Assert.Equal("ran in ticks 0,3, prepared 2 times", result);
    }

    [Fact]
    public void PerEntityAndPerChunkSimdLoops_GiveBitIdenticalResults()
    {
        string result = Execute("""
            [Struct, Component] public partial struct ScalarPosition { public partial float X { get; set; } public partial float Y { get; set; } }
            [System] public partial class ScalarMove
            {
                public void Run(ref ScalarPosition position, in Velocity velocity, in FrameTime time)
                {
                    position.X = position.X + velocity.X * time.DeltaSeconds;
                    position.Y = position.Y + velocity.Y * time.DeltaSeconds;
                }
            }
            [System] public partial class SimdMove
            {
                public void Run(PositionWriteColumns position, VelocityReadColumns velocity, in FrameTime time)
                {
                    Prom.Ecs.Simd.SoaKernels.MultiplyAdd(position.NextX, position.X, velocity.X, time.DeltaSeconds);
                    Prom.Ecs.Simd.SoaKernels.MultiplyAdd(position.NextY, position.Y, velocity.Y, time.DeltaSeconds);
                    position.Columns.MarkAllChanged();
                }
            }

            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    var random = new System.Random(7);
                    var pairs = new System.Collections.Generic.List<Entity>();
                    for (int i = 0; i < 10_000; i++)
                    {
                        float x = (float)(random.NextDouble() * 1e4 - 5e3), y = (float)(random.NextDouble() * 1e-3);
                        pairs.Add(world.Create(new ScalarPosition { X = x, Y = y }, new Position { X = x, Y = y }, new Velocity { X = (float)random.NextDouble() * 3, Y = -(float)random.NextDouble() }));
                    }
                    using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
                    for (int tick = 0; tick < 50; tick++) scheduler.Tick(1f / 60);
                    int differ = 0;
                    foreach (Entity e in pairs)
                    {
                        ScalarPosition a = world.Get<ScalarPosition>(e); Position b = world.Get<Position>(e);
                        if (System.BitConverter.SingleToInt32Bits(a.X) != System.BitConverter.SingleToInt32Bits(b.X) || System.BitConverter.SingleToInt32Bits(a.Y) != System.BitConverter.SingleToInt32Bits(b.Y)) differ++;
                    }
                    return $"{pairs.Count} compared, {differ} differ";
                }
            }
            """);
        Assert.Equal("10000 compared, 0 differ", result);
    }

    private static string Execute(string source)
    {
        CompilationRun run = Compile(source).AssertClean();
        using LoadedAssembly assembly = run.Load();
        return assembly.Invoke<string>("Game.Probe", "Run");
    }
}
