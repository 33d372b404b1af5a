using System.Threading.Tasks;
using Prom.Analyzers.Components;
using Prom.Analyzers.Structs;
using Prom.Analyzers.Systems;
using Prom.SourceGenerators.Components;
using Prom.SourceGenerators.Structs;
using Prom.SourceGenerators.Systems;
using Prom.Testing;
using Prom.Testing.Verifiers;
using Xunit;

namespace Prom.SourceGenerators.Tests.Systems;

/// <summary>Generated runners and schedule compared with golden files (see <see cref="Golden"/>).</summary>
public sealed class SystemGoldenTests
{
    [Fact]
    public Task RunnersAndSchedule_MatchGoldenFilesAndAreSilent()
    {
        PromGeneratorTest test = Golden.Test(
            new[] { SystemTestSources.Components, SystemTestSources.InNamespace(Systems) },
            new[] { PromTestProject.ReferenceTo<Prom.Ecs.World>() },
            typeof(StructGenerator), typeof(ComponentGenerator), typeof(SystemGenerator));
        test.Analyzers.AddRange(new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new StructAnalyzer(), new ComponentAnalyzer(), new SystemAnalyzer(), new SystemAccessAnalyzer() });
        return Golden.VerifyAsync("Systems", "Schedule", test);
    }

    private const string Systems = """
        [System(After = new[] { nameof(Drift) }, Changed = new[] { typeof(Velocity) }, SkipIfEmpty = true)]
        public partial class Movement
        {
            public void Prepare() { }
            public void Run(ref Position position, [Current] in Velocity velocity, in Health health, Entity entity, in FrameTime time, ref Gravity gravity) { }
        }

        [System]
        public partial class Drift
        {
            public void Run(VelocityWriteColumns velocity, ColumnReader<Health> health, ReadOnlySpan<Entity> entities, CommandBuffer commands) => velocity.Columns.CarryAll();
        }

        [System(Stage = "late")]
        public partial class Report
        {
            public Task Run(ColumnLease<Health> health, EffectWriter<string> lines, EventReader<int> answers, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;
}
