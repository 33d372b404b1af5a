using Prom.Testing;
using Xunit;
using static Prom.Analyzers.Tests.Ecs.EcsHazardSources;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>PROM0101: a structural change on the world inside a query loop or a system's Run.</summary>
public sealed class StructuralChangeTests
{
    [Fact]
    public void ChangesInsideRowsChunksAndTuplesLoops_ReportPROM0101() => DiagnosticAssert.Exactly(
        Analyze("""
            public static class Cleanup
            {
                public static void Run(World world, Query query)
                {
                    foreach (EntityRow row in query.Rows())
                    {
                        if (row.Get<Health>().Value <= 0) world.Destroy(row.Entity);
                    }
                    foreach (QueryChunk chunk in query.Chunks()) world.Add(chunk.Entities[0], new Velocity());
                    foreach (var (entity, row, health) in query.Tuples<Health>()) world.Remove<Health>(entity);
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        for (int i = 0; i < chunk.Count; i++) { Entity spawned = world.Create(new Health { Value = 1 }); }
                    }
                }
            }
            """),
        new ExpectedDiagnostic("PROM0101", "world.Destroy(row.Entity)", "'World.Destroy' changes the world's structure inside the loop over 'query.Rows()'", "CommandBuffer"),
        new ExpectedDiagnostic("PROM0101", "world.Add(chunk.Entities[0], new Velocity())", "'World.Add'", "'query.Chunks()'"),
        new ExpectedDiagnostic("PROM0101", "world.Remove<Health>(entity)", "'World.Remove'", "'query.Tuples<Health>()'"),
        new ExpectedDiagnostic("PROM0101", "world.Create(new Health { Value = 1 })", "'World.Create'"));

    [Fact]
    public void ChangesThatLeaveTheLoopOrRunLaterOrAreNotStructural_AreSilent() => DiagnosticAssert.Exactly(Analyze("""
        public static class Careful
        {
            public static System.Action? Run(World world, Query query, CommandBuffer commands, OwnerToken owner)
            {
                foreach (EntityRow row in query.Rows())
                {
                    if (row.Get<Health>().Value == 0) { world.Destroy(row.Entity); break; }
                }
                foreach (EntityRow row in query.Rows())
                {
                    if (row.Get<Health>().Value == 1) { world.Destroy(row.Entity); return null; }
                    if (row.Get<Health>().Value == 2) { world.Destroy(row.Entity); throw new System.InvalidOperationException(); }
                }
                var doomed = new System.Collections.Generic.List<Entity>();
                System.Action? later = null;
                foreach (EntityRow row in query.Rows())
                {
                    commands.Destroy(row.Entity);
                    world.Set(row.Entity, new Health { Value = 3 });
                    doomed.Add(row.Entity);
                    Entity entity = row.Entity;
                    later = () => world.Destroy(entity);
                }
                foreach (Entity entity in doomed) world.Destroy(entity);
                return later;
            }
        }
        """));

    [Fact]
    public void BreakOfAnInnerLoop_DoesNotLeaveTheQueryLoop() => DiagnosticAssert.Exactly(
        Analyze("""
            public static class Inner
            {
                public static void Run(World world, Query query)
                {
                    foreach (EntityRow row in query.Rows())
                    {
                        for (int i = 0; i < 3; i++) { world.Destroy(row.Entity); break; }
                    }
                }
            }
            """),
        new ExpectedDiagnostic("PROM0101", "world.Destroy(row.Entity)", "'query.Rows()'"));

    [Fact]
    public void StructuralChangeInASystemsRun_ReportsPROM0101() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Reaper
            {
                private readonly World _world = null!;
                public void Run(Entity entity, in Health health) { if (health.Value <= 0) _world.Destroy(entity); }
            }
            """),
        new ExpectedDiagnostic("PROM0101", "_world.Destroy(entity)",
            "System 'Reaper' calls 'World.Destroy' in Run, which runs inside the tick", "'CommandBuffer commands' Run parameter"));

    [Fact]
    public void ASystemThatRecordsInItsCommandBuffer_IsSilent() => DiagnosticAssert.Exactly(Analyze("""
        [System] public partial class Reaper
        {
            private readonly World _world;
            public Reaper(World world) { _world = world; world.Create(); }
            public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
        }
        """));
}
