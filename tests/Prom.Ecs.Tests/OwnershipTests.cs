using System;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

public class OwnershipTests
{
    [Fact]
    public void WritingANonOwnedComponent_ThrowsNamingWriterOperationAndComponent()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0), new Velocity(0, 0));
        OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
        OwnerToken physics = world.CreateOwner("Physics").Own<Velocity>();
        world.BeginTick();

        var error = Assert.Throws<OwnershipException>(() => physics.Set(e, new Position(1, 1)));
        Assert.Contains("'Physics'", error.Message);
        Assert.Contains("Set", error.Message);
        Assert.Contains("Position", error.Message);
        Assert.Contains("'Movement'", error.Message);

        var carry = Assert.Throws<OwnershipException>(() => movement.Carry<Velocity>(e));
        Assert.Contains("Carry", carry.Message);
        Assert.Contains("Velocity", carry.Message);

        var unowned = Assert.Throws<OwnershipException>(() => movement.SetIfChanged(e, new Health(1)));
        Assert.Contains("SetIfChanged", unowned.Message);
        Assert.Contains("no owner", unowned.Message);
        world.EndTick();
    }

    [Fact]
    public void PerChunkWriteOfANonOwnedComponent_Throws()
    {
        var world = new World();
        world.Create(new Position(0, 0));
        world.CreateOwner("Movement").Own<Position>();
        OwnerToken intruder = world.CreateOwner("Intruder");
        world.BeginTick();
        foreach (QueryChunk chunk in world.Query().All<Position>().Build().Chunks())
        {
            var error = Assert.Throws<OwnershipException>(() => chunk.Write<Position>(intruder));
            Assert.Contains("'Intruder' cannot Write Position", error.Message);
        }

        world.EndTick();
    }

    [Fact]
    public void TwoOwnersOfOneComponent_ReportsBoth()
    {
        var world = new World();
        world.CreateOwner("Movement").Own<Position>();
        var error = Assert.Throws<OwnershipException>(() => world.CreateOwner("Teleport").Own<Position>());
        Assert.Contains("'Movement'", error.Message);
        Assert.Contains("'Teleport'", error.Message);
        Assert.Contains("Position", error.Message);
    }

    [Fact]
    public void OwnerWritesOutsideATick_Throw()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        var error = Assert.Throws<InvalidOperationException>(() => owner.Set(e, new Position(1, 1)));
        Assert.Contains("outside a tick", error.Message);
    }

    [Fact]
    public void DoubleWriteOfARow_IsReported_AndTheLaterWriteWins()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        world.BeginTick();
        owner.Set(e, new Position(1, 1));
        owner.Set(e, new Position(2, 2));
        Assert.Single(world.Report.DoubleWrites);
        DoubleWrite write = world.Report.DoubleWrites[0];
        Assert.Equal(e, write.Entity);
        Assert.Equal("Movement", write.Owner.Name);
        Assert.Equal("Position", write.Component.Name);
        world.EndTick();
        Assert.Equal(new Position(2, 2), world.Get<Position>(e));
    }

    [Fact]
    public void DoubleWrite_InStrictMode_Throws()
    {
        var world = new World(new WorldOptions { Coverage = CoverageMode.Strict });
        Entity e = world.Create(new Position(0, 0));
        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        world.BeginTick();
        owner.Carry<Position>(e);
        var error = Assert.Throws<DoubleWriteException>(() => owner.Set(e, new Position(2, 2)));
        Assert.Contains("Movement wrote Position of " + e + " twice", error.Message);
        world.EndTick();
    }

    [Fact]
    public void UncoveredRows_AreCarriedAndReported_InDefaultMode()
    {
        var world = new World();
        Entity a = world.Create(new Position(1, 1));
        Entity b = world.Create(new Position(2, 2));
        Entity c = world.Create(new Position(3, 3));
        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        world.BeginTick();
        world.EndTick();

        world.BeginTick();
        owner.Set(b, new Position(20, 20));
        world.EndTick();

        Assert.Single(world.Report.CoverageGaps);
        CoverageGap gap = world.Report.CoverageGaps[0];
        Assert.Equal(2, gap.UncoveredRows);
        Assert.Equal(a, gap.FirstUncovered);
        Assert.Equal("Movement", gap.Owner.Name);
        Assert.Equal(2, world.Report.CarriedRows);
        Assert.Equal(new Position(1, 1), world.Get<Position>(a));
        Assert.Equal(new Position(20, 20), world.Get<Position>(b));
        Assert.Equal(new Position(3, 3), world.Get<Position>(c));
        Assert.False(world.IsChanged<Position>(a));
        Assert.True(world.IsChanged<Position>(b));
    }

    [Fact]
    public void UncoveredRows_InStrictMode_ThrowAfterTheCommitCompleted()
    {
        var world = new World(new WorldOptions { Coverage = CoverageMode.Strict });
        Entity a = world.Create(new Position(1, 1));
        Entity b = world.Create(new Position(2, 2));
        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        world.BeginTick();
        owner.Set(b, new Position(20, 20));
        var error = Assert.Throws<CoverageException>(() => world.EndTick());
        Assert.Contains("Movement left 1 row(s) of Position unwritten", error.Message);
        Assert.Contains(a.ToString(), error.Message);
        Assert.False(world.IsInTick);
        Assert.Equal(new Position(1, 1), world.Get<Position>(a));
        Assert.Equal(new Position(20, 20), world.Get<Position>(b));
    }
}
