using System.Threading.Tasks;
using Xunit;
using static Prom.Analyzers.Tests.Ecs.EcsVerifier;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>PROM0101: a structural change on the world inside a query loop or a system's Run.</summary>
public sealed class StructuralChangeTests
{
    [Fact]
    public Task ChangesInsideRowsChunksAndTuplesLoops_ReportPROM0101() => VerifyAsync(
        """
        public static class Cleanup
        {
            public static void Run(World world, Query query)
            {
                foreach (EntityRow row in query.Rows())
                {
                    if (row.Get<Health>().Value <= 0) {|#0:world.Destroy(row.Entity)|};
                }
                foreach (QueryChunk chunk in query.Chunks()) {|#1:world.Add(chunk.Entities[0], new Velocity())|};
                foreach (var (entity, row, health) in query.Tuples<Health>()) {|#2:world.Remove<Health>(entity)|};
                foreach (QueryChunk chunk in query.Chunks())
                {
                    for (int i = 0; i < chunk.Count; i++) { Entity spawned = {|#3:world.Create(new Health { Value = 1 })|}; }
                }
            }
        }
        """,
        Diagnostic("PROM0101", 0, "'World.Destroy' changes the world's structure inside the loop over 'query.Rows()', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop"),
        Diagnostic("PROM0101", 1, "'World.Add' changes the world's structure inside the loop over 'query.Chunks()', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop"),
        Diagnostic("PROM0101", 2, "'World.Remove' changes the world's structure inside the loop over 'query.Tuples<Health>()', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop"),
        Diagnostic("PROM0101", 3, "'World.Create' changes the world's structure inside the loop over 'query.Chunks()', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop"));

    [Fact]
    public Task ChangesThatLeaveTheLoopOrRunLaterOrAreNotStructural_AreSilent() => VerifyAsync("""
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
        """);

    [Fact]
    public Task BreakOfAnInnerLoop_DoesNotLeaveTheQueryLoop() => VerifyAsync(
        """
        public static class Inner
        {
            public static void Run(World world, Query query)
            {
                foreach (EntityRow row in query.Rows())
                {
                    for (int i = 0; i < 3; {|#1:i|}++) { {|#0:world.Destroy(row.Entity)|}; break; }
                }
            }
        }
        """,
        Diagnostic("PROM0101", 0, "'World.Destroy' changes the world's structure inside the loop over 'query.Rows()', so the loop's next step throws; record it in a CommandBuffer (applied when the tick ends) or collect the entities and change them after the loop"),
        Compiler("CS0162", 1, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)); // the break makes i++ unreachable, as intended

    [Fact]
    public Task StructuralChangeInASystemsRun_ReportsPROM0101() => VerifyAsync(
        """
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health) { if (health.Value <= 0) {|#0:_world.Destroy(entity)|}; }
        }
        """,
        Diagnostic("PROM0101", 0, "System 'Reaper' calls 'World.Destroy' in Run, which runs inside the tick where the world refuses structural changes; record it in the system's CommandBuffer (a 'CommandBuffer commands' Run parameter), applied when the tick ends"));

    [Fact]
    public Task ASystemThatRecordsInItsCommandBuffer_IsSilent() => VerifyAsync("""
        [System] public partial class Reaper
        {
            private readonly World _world;
            public Reaper(World world) { _world = world; world.Create(); }
            public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
        }
        """);
}
