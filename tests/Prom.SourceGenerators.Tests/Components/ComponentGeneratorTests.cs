using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.SourceGenerators.Common;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Components;

public sealed class ComponentGeneratorTests
{
    internal const string Components = """
        using System;
        using Prom;
        using Prom.Ecs;
        namespace Game;

        [Struct, Component] public partial struct Velocity { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct] public partial struct Vec { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct, Component] public partial struct Body { public partial ref Vec Center { get; } [Length(2)] public partial Span<int> Tags { get; } public partial bool Awake { get; set; } }
        """;

    private static CompilationRun Compile(string probe) => RoslynHarness.Run(
        new[] { Components, probe },
        new IIncrementalGenerator[] { new StructGenerator(), new ComponentGenerator() },
        new DiagnosticAnalyzer[] { new StructAnalyzer(), new ComponentAnalyzer() },
        new[] { MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location) });

    [Fact]
    public void GeneratedViews_MoveEntitiesThroughTheDoubleBuffer()
    {
        const string probe = """
            using Prom.Ecs;
            namespace Game;
            public static class Probe
            {
                public static string Run()
                {
                    var world = new World(new WorldOptions { ChunkCapacity = 16 });
                    Prom.Generated.PromComponents.RegisterAll(world);
                    var entities = new System.Collections.Generic.List<Entity>();
                    for (int i = 0; i < 40; i++) entities.Add(world.Create(new Position { X = i, Y = 0 }, new Velocity { X = 1, Y = i }));
                    OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
                    Query query = world.Query().All<Position>().All<Velocity>().Build();
                    for (int tick = 0; tick < 3; tick++)
                    {
                        world.BeginTick();
                        foreach (QueryChunk chunk in query.Chunks())
                        {
                            PositionWriteColumns position = chunk.WritePosition(movement);
                            VelocityReadColumns velocity = chunk.ReadVelocity();
                            if (tick == 0)
                            {
                                // per-entity views
                                for (int row = 0; row < position.Count; row++)
                                {
                                    PositionWriteView p = position[row];
                                    VelocityView v = velocity[row];
                                    p.NextX = p.X + v.X * 0.5f;
                                    p.NextY = p.Y + v.Y * 0.5f;
                                    position.MarkChanged(row);
                                }
                            }
                            else
                            {
                                // per-chunk spans
                                for (int row = 0; row < position.Count; row++)
                                {
                                    position.NextX[row] = position.X[row] + velocity.X[row] * 0.5f;
                                    position.NextY[row] = position.Y[row] + velocity.Y[row] * 0.5f;
                                }
                                position.Columns.MarkAllChanged();
                            }
                        }
                        world.EndTick();
                    }
                    Position last = world.Get<Position>(entities[39]);
                    return $"{world.IdOf<Velocity>()},{world.IdOf<Position>()},{world.IdOf<Body>()} {last.X},{last.Y} {world.Query().Changed<Position>().Build().Count()}";
                }
            }
            """;
        CompilationRun run = Compile(probe).AssertClean();
        using LoadedAssembly assembly = run.Load();
        // Ids follow declaration order; three ticks of x += 0.5, y += 39 * 0.5; every entity was marked changed.
        Assert.Equal("0,1,2 40.5,58.5 40", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    [Fact]
    public void RowEnumeratorsAndUncheckedViews_VisitEveryRowOnce_AndTheIndexerStillChecks()
    {
        const string probe = """
            using Prom.Ecs;
            namespace Game;
            public static class Probe
            {
                public static string Run()
                {
                    var world = new World(new WorldOptions { ChunkCapacity = 16 });
                    for (int i = 0; i < 40; i++) world.Create(new Position { X = i, Y = 0 }, new Velocity { X = 1, Y = i });
                    OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
                    Query query = world.Query().All<Position>().All<Velocity>().Build();
                    world.BeginTick();
                    int visited = 0;
                    int rowMismatches = 0;
                    float sumY = 0;
                    string outOfRange = "not thrown";
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        PositionWriteColumns position = chunk.WritePosition(movement);
                        VelocityReadColumns velocity = chunk.ReadVelocity();
                        // one component: the safe enumerator (no per-row check)
                        int expectedRow = 0;
                        foreach (PositionWriteView p in position) { p.Carry(); visited++; if (p.Row != expectedRow++) rowMismatches++; }
                        // two components: unchecked views over rows [0, Count) of this chunk
                        for (int row = 0; row < position.Count; row++)
                        {
                            PositionWriteView p = position.DangerousGetView(row);
                            VelocityView v = velocity.DangerousGetView(row);
                            p.NextX = p.X + v.X;
                            ref float nextY = ref p.NextY; // leaves are ref-returning: a ref local writes next
                            nextY = p.Y + v.Y;
                            if (p.Row != row || v.Row != row) rowMismatches++;
                        }
                        foreach (VelocityView v in velocity) sumY += v.Y;
                        try { _ = velocity[velocity.Count]; } catch (System.ArgumentOutOfRangeException) { outOfRange = "thrown"; }
                    }
                    world.EndTick();
                    Position last = default;
                    foreach (var (_, _, position) in query.Tuples<Position>()) last = position;
                    return $"{visited} {sumY} {last.X},{last.Y} {outOfRange} {rowMismatches}";
                }
            }
            """;
        using LoadedAssembly assembly = Compile(probe).AssertClean().Load();
        // Each enumerator visits the 40 rows once (velocity y sums 0 + 1 + ... + 39); the unchecked loop wrote x + 1 and
        // y + i into next (committed by the swap); the checked indexer still throws one row past the end; every view
        // knows its row.
        Assert.Equal("40 780 40,39 thrown 0", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    [Fact]
    public void NestedAndArrayLeaves_BecomeNamedColumns()
    {
        const string probe = """
            using Prom.Ecs;
            namespace Game;
            public static class Probe
            {
                public static string Run()
                {
                    var world = new World();
                    Body body = default;
                    body.Center.X = 1.5f; body.Center.Y = -2; body.Tags[1] = 7; body.Awake = true;
                    world.Create(body);
                    foreach (QueryChunk chunk in world.Query().All<Body>().Build().Chunks())
                    {
                        BodyView view = chunk.ReadBody()[0];
                        return $"{view.CenterX} {view.CenterY} {view.Tags0} {view.Tags1} {view.Awake}";
                    }
                    return "no chunk";
                }
            }
            """;
        using LoadedAssembly assembly = Compile(probe).AssertClean().Load();
        Assert.Equal("1.5 -2 0 7 True", assembly.Invoke<string>("Game.Probe", "Run"));
    }

    [Fact]
    public void UnrelatedEdit_LeavesComponentStepsCached()
    {
        IReadOnlyDictionary<string, int> outputs = CachingAssert.UnrelatedEditKeepsEveryStepCached(
            new[] { Components },
            "namespace Elsewhere; public static class Unrelated { }",
            new StructGenerator(), new ComponentGenerator());
        Assert.Equal(3, outputs[TrackingNames.ComponentModels]);
        Assert.Equal(1, outputs[TrackingNames.ComponentRegistry]);
        Assert.Equal(4, outputs[TrackingNames.StructModels]);
    }
}
