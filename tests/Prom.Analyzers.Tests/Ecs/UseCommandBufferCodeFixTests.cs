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
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health, CommandBuffer commands) { if (health.Value <= 0) commands.Destroy(entity); }
        }
        """).WithUnusedWorldField().RunAsync();

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
            private readonly World _world = null!;
            public void Run(CommandBuffer buffer) { buffer.Create(); }
        }
        """).WithUnusedWorldField().RunAsync();

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

internal static class UseCommandBufferCodeFixTestExtensions
{
    /// <summary>
    /// After the fix the system's World field is no longer read, and the compiler says so (CS0414): a user with
    /// warnings as errors has to remove the field too. The fix leaves it because other members may still need it.
    /// </summary>
    public static PromCodeFixTest WithUnusedWorldField(this PromCodeFixTest test)
    {
        test.FixedState.ExpectedDiagnostics.Add(Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("CS0414").WithSpan(7, 28, 7, 34));
        return test;
    }
}
