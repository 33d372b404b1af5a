using Prom.Testing;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemSources;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0206–PROM0207: the body of a system against its declared access.</summary>
public sealed class SystemAccessTests
{
    [Fact]
    public void WritingANonOwnedComponent_ReportsPROM0206() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Healing
            {
                private readonly OwnerToken _owner = null!;
                public void Run(ColumnWriter<Health> health, QueryChunk chunk)
                {
                    _owner.Set(default(Entity), new Position());
                    chunk.Write<Velocity>(_owner);
                    chunk.Write<Health>(_owner);
                }
            }
            """),
        new ExpectedDiagnostic("PROM0206", "_owner.Set(default(Entity), new Position())", "System 'Healing' writes 'Game.Position' through OwnerToken.Set"),
        new ExpectedDiagnostic("PROM0206", "chunk.Write<Velocity>(_owner)", "writes 'Game.Velocity' through QueryChunk.Write"));

    [Fact]
    public void GeneratedWriteColumnsOfANonOwnedComponent_ReportPROM0206() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Healing
            {
                private readonly OwnerToken _owner = null!;
                public void Run(QueryChunk chunk, ColumnWriter<Health> health) { chunk.WriteVelocity(_owner); }
            }
            """),
        new ExpectedDiagnostic("PROM0206", "chunk.WriteVelocity(_owner)", "writes 'Game.Velocity' through VelocityChunkExtensions.WriteVelocity"));

    [Fact]
    public void ReadingNextOutsideCurrent_ReportsPROM0207() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Peek
            {
                private readonly World _world = null!;
                public void Run(Entity entity, in Health health) { _ = _world.DangerousGetNext<Position>(entity); }
            }
            """),
        new ExpectedDiagnostic("PROM0207", "_world.DangerousGetNext<Position>(entity)", "reads the next buffer of 'Game.Position'", "[Current] in Position"));

    [Fact]
    public void WritingPrev_ReportsPROM0207() => DiagnosticAssert.Exactly(
        Analyze("""
            [System] public partial class Scribble
            {
                public void Run(ColumnReader<Velocity> velocity)
                {
                    System.Runtime.CompilerServices.Unsafe.AsRef(in velocity.DangerousGetLeafReference<float>(0)) = 1f;
                }
            }
            """),
        new ExpectedDiagnostic("PROM0207", "System.Runtime.CompilerServices.Unsafe.AsRef(in velocity.DangerousGetLeafReference<float>(0))", "writes a prev buffer"));

    [Fact]
    public void OwnersWritingTheirComponents_AreSilent() => DiagnosticAssert.Exactly(Analyze("""
        [System] public partial class Healing
        {
            private readonly OwnerToken _owner = null!;
            public void Run(QueryChunk chunk, ColumnWriter<Health> health) { chunk.Write<Health>(_owner); chunk.WriteHealth(_owner); }
        }
        public static class NotASystem { public static void Write(World world, OwnerToken owner) => owner.Set(default(Entity), new Position()); }
        """));
}
