using System;
using System.Collections.Generic;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

public class StructuralTests
{
    [Fact]
    public void AddA_AddB_RemoveA_LeavesOnlyB_WithBsValue()
    {
        var world = new World();
        Entity e = world.Create();
        world.Add(e, new Position(1, 2));
        world.Add(e, new Velocity(3, 4));
        Assert.True(world.Remove<Position>(e));

        Assert.False(world.Has<Position>(e));
        Assert.True(world.Has<Velocity>(e));
        Assert.Equal(new Velocity(3, 4), world.Get<Velocity>(e));
        Assert.False(world.Remove<Position>(e));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(39)]
    public void DestroyingAnyRow_KeepsEveryOtherEntitysValues(int victim)
    {
        // Capacity 16 and 40 entities: three chunks, so removal moves the last row across chunks.
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 40; i++)
        {
            entities.Add(world.Create(new Position(i, -i), new Mixed(i * 1.5, (byte)i, (short)(-i))));
        }

        world.Destroy(entities[victim]);
        for (int i = 0; i < 40; i++)
        {
            if (i == victim)
            {
                Assert.False(world.IsAlive(entities[i]));
                continue;
            }

            Assert.Equal(new Position(i, -i), world.Get<Position>(entities[i]));
            Assert.Equal(new Mixed(i * 1.5, (byte)i, (short)(-i)), world.Get<Mixed>(entities[i]));
        }

        Assert.Equal(39, world.EntityCount);
    }

    [Fact]
    public void AddingAnExistingComponent_OverwritesAndMarksChanged()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 1));
        world.BeginTick();
        world.EndTick();
        Assert.False(world.IsChanged<Position>(e));

        world.Add(e, new Position(5, 6));
        Assert.Equal(new Position(5, 6), world.Get<Position>(e));
        Assert.True(world.IsChanged<Position>(e));
        Assert.Equal(2, world.ArchetypeCount); // the empty archetype and {Position}: no new one
    }

    [Fact]
    public void ValuesSetOutsideATick_AreWrittenToBothBuffers()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 2));
        Assert.Equal(new Position(1, 2), world.DangerousGetNext<Position>(e));
        world.Set(e, new Position(7, 8));
        Assert.Equal(new Position(7, 8), world.Get<Position>(e));
        Assert.Equal(new Position(7, 8), world.DangerousGetNext<Position>(e));
        world.Add(e, new Velocity(3, 3));
        Assert.Equal(new Position(7, 8), world.DangerousGetNext<Position>(e));
        Assert.Equal(new Velocity(3, 3), world.DangerousGetNext<Velocity>(e));
    }

    [Fact]
    public void StructuralChangesInsideATick_ThrowPointingToCommandBuffers()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 2));
        world.BeginTick();
        var error = Assert.Throws<InvalidOperationException>(() => world.Create());
        Assert.Contains("CommandBuffer", error.Message);
        Assert.Throws<InvalidOperationException>(() => world.Destroy(e));
        Assert.Throws<InvalidOperationException>(() => world.Add(e, new Velocity(1, 1)));
        Assert.Throws<InvalidOperationException>(() => world.Remove<Position>(e));
        Assert.Throws<InvalidOperationException>(() => world.Set(e, new Position(0, 0)));
        world.EndTick();
        Assert.Equal(new Position(1, 2), world.Get<Position>(e));
    }

    [Fact]
    public void AddRemoveEdges_AreCachedAndReturnToTheSameArchetype()
    {
        var world = new World();
        Entity a = world.Create(new Position(1, 1));
        Entity b = world.Create(new Position(2, 2));
        world.Add(a, new Velocity(0, 0));
        int archetypes = world.ArchetypeCount;
        world.Add(b, new Velocity(0, 0));
        world.Remove<Velocity>(a);
        world.Add(a, new Velocity(1, 1));
        Assert.Equal(archetypes, world.ArchetypeCount);
        Assert.Equal(2, world.Query().All<Position>().All<Velocity>().Build().Count());
    }
}
