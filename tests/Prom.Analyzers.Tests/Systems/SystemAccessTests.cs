using System.Threading.Tasks;
using Xunit;
using static Prom.Analyzers.Tests.Systems.SystemVerifier;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Systems;

/// <summary>PROM0206–PROM0207: the body of a system against its declared access.</summary>
public sealed class SystemAccessTests
{
    [Fact]
    public Task WritingANonOwnedComponent_ReportsPROM0206() => VerifyAsync(
        """
        [System] public partial class Healing
        {
            private readonly OwnerToken _owner = null!;
            public void Run(ColumnWriter<Health> health, QueryChunk chunk)
            {
                {|#0:_owner.Set(default(Entity), new Position())|};
                {|#1:chunk.Write<Velocity>(_owner)|};
                chunk.Write<Health>(_owner);
            }
        }
        """,
        Diagnostic("PROM0206", 0, "System 'Healing' writes 'Game.Position' through OwnerToken.Set but does not own it; take it as 'ref Game.Position' (or a column writer) in Run, or leave the write to its owner"),
        Diagnostic("PROM0206", 1, "System 'Healing' writes 'Game.Velocity' through QueryChunk.Write but does not own it; take it as 'ref Game.Velocity' (or a column writer) in Run, or leave the write to its owner"));

    [Fact]
    public Task GeneratedWriteColumnsOfANonOwnedComponent_ReportPROM0206() => VerifyAsync(
        """
        [System] public partial class Healing
        {
            private readonly OwnerToken _owner = null!;
            public void Run(QueryChunk chunk, ColumnWriter<Health> health) { {|#0:chunk.WriteVelocity(_owner)|}; }
        }
        """,
        Diagnostic("PROM0206", 0, "System 'Healing' writes 'Game.Velocity' through VelocityChunkExtensions.WriteVelocity but does not own it; take it as 'ref Game.Velocity' (or a column writer) in Run, or leave the write to its owner"));

    [Fact]
    public Task ReadingNextOutsideCurrent_ReportsPROM0207() => VerifyAsync(
        """
        [System] public partial class Peek
        {
            private readonly World _world = null!;
            public void Run(Entity entity, in Health health) { _ = {|#0:_world.DangerousGetNext<Position>(entity)|}; }
        }
        """,
        Diagnostic("PROM0207", 0, "System 'Peek' reads the next buffer of 'Game.Position' through World.DangerousGetNext; take it as a '[Current] in Position' Run parameter, which also runs its owner first"));

    [Fact]
    public Task WritingPrev_ReportsPROM0207() => VerifyAsync(
        """
        [System] public partial class Scribble
        {
            public void Run(ColumnReader<Velocity> velocity)
            {
                {|#0:System.Runtime.CompilerServices.Unsafe.AsRef(in velocity.DangerousGetLeafReference<float>(0))|} = 1f;
            }
        }
        """,
        Diagnostic("PROM0207", 0, "System 'Scribble' writes a prev buffer through Unsafe.AsRef(ColumnReader.DangerousGetLeafReference); prev is the committed value every system reads; write next through an owned component instead"));

    [Fact]
    public Task OwnersWritingTheirComponents_AreSilent() => VerifyAsync("""
        [System] public partial class Healing
        {
            private readonly OwnerToken _owner = null!;
            public void Run(QueryChunk chunk, ColumnWriter<Health> health) { chunk.Write<Health>(_owner); chunk.WriteHealth(_owner); }
        }
        public static class NotASystem { public static void Write(World world, OwnerToken owner) => owner.Set(default(Entity), new Position()); }
        """);
}
