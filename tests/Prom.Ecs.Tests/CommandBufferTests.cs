using System.Collections.Generic;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

public class CommandBufferTests
{
    [Fact]
    public void Create_ReturnsARealReservedHandleAtOnce_InvisibleUntilTheTickEnds()
    {
        var world = new World();
        world.Create(new Position(0, 0));
        CommandBuffer commands = world.CreateCommandBuffer("Spawner");
        Query positions = world.Query().All<Position>().Build();
        world.BeginTick();
        Entity spawned = commands.Create();
        commands.Add(spawned, new Position(7, 7));

        Assert.False(spawned.IsNull);
        Assert.False(world.IsAlive(spawned));
        Assert.Equal(1, positions.Count());
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(spawned));
        Assert.Contains("reserved by a command buffer", error.Message);
        Entity second = commands.Create();
        Assert.NotEqual(spawned.Index, second.Index);
        world.EndTick();

        Assert.True(world.IsAlive(spawned));
        Assert.True(world.IsAlive(second));
        Assert.Equal(new Position(7, 7), world.Get<Position>(spawned));
        Assert.Equal(2, positions.Count());
        Assert.True(world.IsChanged<Position>(spawned));
        Assert.Equal(3, world.Report.PlayedCommands);
    }

    [Fact]
    public void DestroyAddRemove_AreInvisibleInTheSameTick_AndApplyAtTheBoundary()
    {
        var world = new World();
        Entity a = world.Create(new Position(1, 1));
        Entity b = world.Create(new Position(2, 2), new Velocity(2, 2));
        CommandBuffer commands = world.CreateCommandBuffer();
        world.BeginTick();
        commands.Destroy(a);
        commands.Remove<Velocity>(b);
        commands.Add(b, new Health(5));
        Assert.True(world.IsAlive(a));
        Assert.True(world.Has<Velocity>(b));
        Assert.False(world.Has<Health>(b));
        world.EndTick();

        Assert.False(world.IsAlive(a));
        Assert.False(world.Has<Velocity>(b));
        Assert.Equal(new Health(5), world.Get<Health>(b));
        Assert.Equal(new Position(2, 2), world.Get<Position>(b));
    }

    [Fact]
    public void Playback_IsInBufferCreationOrderThenRecordingOrder()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        CommandBuffer first = world.CreateCommandBuffer("first");
        CommandBuffer second = world.CreateCommandBuffer("second");
        world.BeginTick();
        second.Add(e, new Health(2)); // recorded first, but its buffer plays second
        first.Add(e, new Health(1));
        first.Add(e, new Health(11));
        world.EndTick();
        Assert.Equal(new Health(2), world.Get<Health>(e));
    }

    [Fact]
    public void RowsThatMoveArchetype_TakeTheValueThatBecomesCurrent()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        OwnerToken mover = world.CreateOwner("Mover").Own<Position>();
        CommandBuffer commands = world.CreateCommandBuffer();
        world.BeginTick();
        world.EndTick();

        world.BeginTick();
        mover.Set(e, new Position(1, 1));
        commands.Add(e, new Velocity(3, 3));
        world.EndTick();

        Assert.Equal(new Position(1, 1), world.Get<Position>(e));
        Assert.Equal(new Position(1, 1), world.DangerousGetNext<Position>(e));
        Assert.True(world.IsChanged<Position>(e)); // the changed mark moved with the entity
        Assert.Equal(new Velocity(3, 3), world.Get<Velocity>(e));
    }

    [Fact]
    public void CommandsOnAnEntityDestroyedEarlierInPlayback_AreSkippedAndReported()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        CommandBuffer ai = world.CreateCommandBuffer("ai");
        CommandBuffer collisions = world.CreateCommandBuffer("collisions");
        world.BeginTick();
        ai.Destroy(e);
        collisions.Destroy(e);
        collisions.Add(e, new Health(1));
        world.EndTick();
        Assert.False(world.IsAlive(e));
        Assert.Equal(2, world.Report.SkippedCommands.Count);
        Assert.Equal("collisions", world.Report.SkippedCommands[0].Buffer);
        Assert.Equal(0, world.EntityCount);
    }

    [Fact]
    public void RecordingForAStaleEntity_ThrowsAtOnce()
    {
        var world = new World();
        Entity e = world.Create();
        world.Destroy(e);
        CommandBuffer commands = world.CreateCommandBuffer("buffer");
        var error = Assert.Throws<StaleEntityException>(() => commands.Add(e, new Health(1)));
        Assert.Contains("CommandBuffer 'buffer'.Add", error.Message);
    }

    [Fact]
    public void ChurnThroughCommandBuffers_ReusesIndicesWithNewGenerations()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        CommandBuffer commands = world.CreateCommandBuffer();
        var live = new List<Entity>();
        for (int tick = 0; tick < 20; tick++)
        {
            world.BeginTick();
            foreach (Entity e in live)
            {
                commands.Destroy(e);
            }

            var created = new List<Entity>();
            for (int i = 0; i < 30; i++)
            {
                Entity e = commands.Create();
                commands.Add(e, new Position(tick, i));
                created.Add(e);
            }

            world.EndTick();
            foreach (Entity e in live)
            {
                Assert.False(world.IsAlive(e));
            }

            live = created;
            for (int i = 0; i < live.Count; i++)
            {
                Assert.Equal(new Position(tick, i), world.Get<Position>(live[i]));
            }
        }

        Assert.Equal(30, world.EntityCount);
    }
}
