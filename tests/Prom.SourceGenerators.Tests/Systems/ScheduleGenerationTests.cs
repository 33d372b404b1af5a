using System.Collections.Generic;
using Prom.SourceGenerators.Common;
using Prom.Testing;
using Xunit;
using static Prom.SourceGenerators.Tests.Systems.SystemCompilation;

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>The static schedule the generator computes: stages, batches, edges, exports, caching.</summary>
public sealed class ScheduleGenerationTests
{
    private const string PlanProbe = """
        public static class Probe
        {
            public static string Run()
            {
                var plan = Prom.Generated.PromSystems.Plan;
                var text = new System.Text.StringBuilder();
                foreach (StagePlan stage in plan.Stages)
                {
                    text.Append(stage.Name).Append(stage.RunsOnce ? "(once)" : "").Append(':');
                    foreach (var batch in stage.Batches)
                    {
                        text.Append('[');
                        for (int i = 0; i < batch.Count; i++) text.Append(i > 0 ? "," : "").Append(plan.Systems[batch[i]].Name);
                        text.Append(']');
                    }
                    text.Append(' ');
                }
                foreach (ScheduleEdge edge in plan.Edges) text.Append(plan.Systems[edge.From].Name).Append('>').Append(plan.Systems[edge.To].Name).Append('(').Append(edge.Reason).Append(") ");
                bool exportsAgree = Prom.Generated.PromSystems.Mermaid == plan.ToMermaid() && Prom.Generated.PromSystems.Dot == plan.ToDot();
                return text.ToString() + exportsAgree;
            }
        }
        """;

    [Fact]
    public void Batches_FollowOwnershipResourcesAndOrderingEdges()
    {
        string result = Execute("""
            [System] public partial class Move { public void Run(ref Position position, in Velocity velocity) { } }
            [System] public partial class Look { public void Run(in Position position) { } }
            [System(After = new[] { nameof(Move) })] public partial class Follow { public void Run(ref Velocity velocity) { } }
            [System] public partial class SetGravity { public void Run(ref Gravity gravity) { } }
            [System] public partial class Fall { public void Run(ref Health health, in Gravity gravity) { } }
            [System] public partial class Audit { public void Run([Current] in Health health) { } }
            [System(Stage = "startup")] public partial class Boot { public void Run(CommandBuffer commands) { } }
            [System(Stage = "render", Before = new[] { nameof(Present) })] public partial class Draw { public void Run(in Position position) { } }
            [System(Stage = "render")] public partial class Present { public void Run(ref Log log) { } }
            """ + PlanProbe);
        // Owners and readers of one component share a batch (readers see prev); Follow waits for Move; Fall waits for
        // the Gravity writer; Audit reads Fall's current Health; stages run in the default order, startup once.
        Assert.Equal(
            "startup(once):[Boot] update:[Move,Look,SetGravity][Follow,Fall][Audit] render:[Draw][Present] "
            + "Move>Follow(after) SetGravity>Fall(res Gravity) Fall>Audit(current Health) Draw>Present(before) True",
            result);
    }

    [Fact]
    public void NoConstraints_OneBatchInRegistrationOrder_AndTheSameSourceGivesTheSameOutput()
    {
        const string systems = """
            [System] public partial class Zeta { public void Run(ref Position position) { } }
            [System] public partial class Alpha { public void Run(ref Velocity velocity) { } }
            [System] public partial class Mid { public void Run(in Health health) { } }
            """;
        Assert.Equal("update:[Zeta,Alpha,Mid] True", Execute(systems + PlanProbe));
        Assert.Equal(
            Compile(systems).Generated("Prom.Generated.PromSystems.g.cs"),
            Compile(systems).Generated("Prom.Generated.PromSystems.g.cs"));
    }

    [Fact]
    public void SystemInTheGlobalNamespace_IsGeneratedAndScheduled()
    {
        CompilationRun run = Prom.Testing.RoslynHarness.Run(
            new[]
            {
                SystemCompilation.Components,
                "using Prom; [System] public partial class Heal { public void Run(ref Game.Health health) => health.Value++; }",
            },
            Generators,
            null,
            new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Prom.Ecs.World).Assembly.Location) }).AssertClean();
        Assert.Contains("new global::Heal__PromRunner(context)", run.Generated("Prom.Generated.PromSystems.g.cs"));
    }

    [Fact]
    public void UnrelatedEdit_LeavesSystemStepsCached()
    {
        IReadOnlyDictionary<string, int> outputs = CachingAssert.UnrelatedEditKeepsEveryStepCached(
            new[]
            {
                SystemCompilation.Components,
                "using Prom; namespace Game; [System] public partial class Move { public void Run(ref Position position, in Velocity velocity) { } }",
                "using Prom; namespace Game; [System(After = new[] { \"Move\" })] public partial class Heal { public void Run(ref Health health, ref Gravity gravity) { } }",
            },
            "namespace Elsewhere; public static class Unrelated { }",
            Generators);
        Assert.Equal(2, outputs[TrackingNames.SystemModels]);
        Assert.Equal(1, outputs[TrackingNames.Schedule]);
        Assert.Equal(3, outputs[TrackingNames.ComponentModels]);
    }

    private static string Execute(string source)
    {
        CompilationRun run = Compile(source).AssertClean();
        using LoadedAssembly assembly = run.Load();
        return assembly.Invoke<string>("Game.Probe", "Run");
    }
}
