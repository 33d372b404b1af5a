using Prom.Analyzers.Ecs;
using Prom.CodeFixes.Ecs;
using Prom.Testing;
using Xunit;
using Xunit.Sdk;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>PROM0101's fix: record the change in a command buffer.</summary>
public sealed class UseCommandBufferCodeFixTests
{
    private const string Header = """
        using Prom;
        using Prom.Ecs;
        namespace Game;
        [Struct, Component] public partial struct Health { public partial int Value { get; set; } }

        """;

    private static string Fix(string source) => CodeFixHarness.Apply(Header + source, new StructuralChangeAnalyzer(), new UseCommandBufferCodeFix(),
        "PROM0101", EcsHazardSources.Generators, new[] { EcsHazardSources.Ecs });

    [Fact]
    public void InASystemWithoutABuffer_AddsACommandBufferParameterToRun() => Assert.Equal(
        Header + """
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
        }
        """,
        Fix("""
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health) { if (health.Value <= 0) _world.Destroy(entity); }
        }
        """));

    [Fact]
    public void InASystemWithABuffer_UsesIt() => Assert.Equal(
        Header + """
        [System] public partial class Spawner
        {
            private readonly World _world = null!;
            public void Run(CommandBuffer buffer) { buffer.Create(); }
        }
        """,
        Fix("""
        [System] public partial class Spawner
        {
            private readonly World _world = null!;
            public void Run(CommandBuffer buffer) { _world.Create(); }
        }
        """));

    [Fact]
    public void InALoopWithABufferInScope_RecordsInIt() => Assert.Equal(
        Header + """
        public static class Cleanup
        {
            public static void Run(World world, Query query, CommandBuffer pending)
            {
                foreach (EntityRow row in query.Rows()) pending.Remove<Health>(row.Entity);
            }
        }
        """,
        Fix("""
        public static class Cleanup
        {
            public static void Run(World world, Query query, CommandBuffer pending)
            {
                foreach (EntityRow row in query.Rows()) world.Remove<Health>(row.Entity);
            }
        }
        """));

    [Fact]
    public void InALoopWithoutABuffer_OffersNoFix() => Assert.Contains("offered no fix", Assert.Throws<XunitException>(() => Fix("""
        public static class Cleanup
        {
            public static void Run(World world, Query query)
            {
                foreach (EntityRow row in query.Rows()) world.Destroy(row.Entity);
            }
        }
        """)).Message);
}
