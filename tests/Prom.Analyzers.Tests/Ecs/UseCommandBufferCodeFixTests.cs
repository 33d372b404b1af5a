using System.Threading.Tasks;
using Prom.Analyzers.Ecs;
using Prom.CodeFixes.Ecs;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing.Verifiers;
using Xunit;

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

    private static PromCodeFixTest Fix(string markup, string fixedSource, string equivalenceKey = nameof(UseCommandBufferCodeFix))
    {
        var test = new PromCodeFixTest
        {
            TestCode = Header + markup,
            FixedCode = Header + fixedSource,
            Fix = new UseCommandBufferCodeFix(),
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.TestState.AdditionalReferences.Add(PromTestProject.ReferenceTo<Prom.Ecs.World>());
        test.Analyzers.Add(new StructuralChangeAnalyzer());
        test.Generators.AddRange(new[] { typeof(StructGenerator), typeof(ComponentGenerator), typeof(SystemGenerator) });
        return test;
    }

    [Fact]
    public Task InASystemWithoutABuffer_AddsACommandBufferParameterToRun() => Fix(
        """
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health) { if (health.Value <= 0) {|PROM0101:_world.Destroy(entity)|}; }
        }
        """,
        """
        [System] public partial class Reaper
        {
            public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
        }
        """).RunAsync(); // the field's last read is gone, so is the field (else CS0414, an error under warnings as errors)

    [Fact]
    public Task InASystemWithABuffer_UsesIt() => Fix(
        """
        [System] public partial class Spawner
        {
            private readonly World _world = null!;
            public void Run(CommandBuffer buffer) { {|PROM0101:_world.Create()|}; }
        }
        """,
        """
        [System] public partial class Spawner
        {
            public void Run(CommandBuffer buffer) { buffer.Create(); }
        }
        """).RunAsync();

    [Fact]
    public Task AWorldFieldAssignedInTheConstructor_GoesWithItsAssignment_AndTheFixedCodeHasNoWarning()
    {
        PromCodeFixTest test = Fix(
            """
            [System] public partial class Reaper
            {
                private readonly World _world;
                public Reaper(World world)
                {
                    _world = world;
                }
                public void Run(Entity entity, in Health health) { if (health.Value <= 0) {|PROM0101:_world.Destroy(entity)|}; }
            }
            """,
            """
            [System] public partial class Reaper
            {
                public Reaper(World world)
                {
                }
                public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
            }
            """);
        // Every compiler warning of the fixed compilation (CS0414 among them) is an unexpected diagnostic.
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Warnings;
        return test.RunAsync();
    }

    [Fact]
    public Task AWorldFieldStillReadElsewhere_Stays() => Fix(
        """
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public World Owner => _world;
            public void Run(Entity entity, in Health health) { {|PROM0101:_world.Destroy(entity)|}; }
        }
        """,
        """
        [System] public partial class Reaper
        {
            private readonly World _world = null!;
            public World Owner => _world;
            public void Run(Entity entity, in Health health, CommandBuffer commands) { commands.Destroy(entity); }
        }
        """).RunAsync();

    [Fact]
    public Task InALoopWithABufferInScope_RecordsInIt() => Fix(
        """
        public static class Cleanup
        {
            public static void Run(World world, Query query, CommandBuffer pending)
            {
                foreach (EntityRow row in query.Rows()) {|PROM0101:world.Remove<Health>(row.Entity)|};
            }
        }
        """,
        """
        public static class Cleanup
        {
            public static void Run(World world, Query query, CommandBuffer pending)
            {
                foreach (EntityRow row in query.Rows()) pending.Remove<Health>(row.Entity);
            }
        }
        """,
        nameof(UseCommandBufferCodeFix) + ".pending").RunAsync(); // one action per buffer in scope, keyed by its name

    [Fact]
    public Task InALoopWithoutABuffer_OffersNoFix()
    {
        const string source = """
            public static class Cleanup
            {
                public static void Run(World world, Query query)
                {
                    foreach (EntityRow row in query.Rows()) {|PROM0101:world.Destroy(row.Entity)|};
                }
            }
            """;
        // The fixed code equals the input, diagnostic included: the framework then requires that no fix is offered
        // (the fix declares no Fix All provider: each change needs its own buffer).
        return Fix(source, source).RunAsync();
    }
}
