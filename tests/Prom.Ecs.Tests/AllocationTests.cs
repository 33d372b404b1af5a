using System;
using System.Collections.Generic;
using Prom.Ecs.Simd;
using Prom.Ecs.Tests.Components;
using Prom.Ecs.Tests.Views;
using Xunit;

namespace Prom.Ecs.Tests;

public class AllocationTests
{
    [Fact]
    public void SteadyStateTicks_AllocateNothing_InEveryIterationMode()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        var entities = new List<Entity>();
        for (int i = 0; i < 1000; i++)
        {
            entities.Add(world.Create(new Position(i, i), new Velocity(1, 2)));
        }

        OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
        OwnerToken steering = world.CreateOwner("Steering").Own<Velocity>();
        CommandBuffer commands = world.CreateCommandBuffer("churn");
        Query moving = world.Query().All<Position>().All<Velocity>().Build();
        Query changed = world.Query().Changed<Position>().Build();
        var victims = new Queue<Entity>();

        void Tick(int tick)
        {
            world.BeginTick();
            int mode = tick % 3;
            if (mode == 0)
            {
                foreach (QueryChunk chunk in moving.Chunks())
                {
                    ColumnWriter<Position> position = chunk.Write<Position>(movement);
                    ColumnReader<Velocity> velocity = chunk.Read<Velocity>();
                    SoaKernels.MultiplyAdd(position.Next<float>(0), position.Prev<float>(0), velocity.Leaf<float>(0), 0.5f);
                    SoaKernels.MultiplyAdd(position.Next<float>(1), position.Prev<float>(1), velocity.Leaf<float>(1), 0.5f);
                    position.MarkAllChanged();
                }
            }
            else if (mode == 1)
            {
                foreach (QueryChunk chunk in moving.Chunks())
                {
                    ColumnWriter<Position> writer = chunk.Write<Position>(movement);
                    var positions = new PositionWriteColumns(writer);
                    var velocities = new VelocityReadColumns(chunk.Read<Velocity>());
                    for (int row = 0; row < positions.Count; row++)
                    {
                        PositionView p = positions[row];
                        VelocityView v = velocities[row];
                        p.NextX = p.X + v.X;
                        p.NextY = p.Y + v.Y;
                    }

                    writer.MarkAllChanged();
                }
            }
            else
            {
                foreach (var (_, row, position, velocity) in moving.Tuples<Position, Velocity>())
                {
                    movement.SetIfChanged(row, new Position(position.X + velocity.X, position.Y));
                    steering.Carry<Velocity>(row);
                }
            }

            int changedCount = 0;
            foreach (EntityRow row in changed.Rows())
            {
                changedCount += row.Row >= 0 ? 1 : 0;
            }

            // Churn: one entity destroyed and one created per tick through the command buffer.
            Entity spawned = commands.Create();
            commands.Add(spawned, new Position(tick, 0));
            commands.Add(spawned, new Velocity(1, 1));
            victims.Enqueue(spawned);
            if (victims.Count > 10)
            {
                commands.Destroy(victims.Dequeue());
            }

            world.EndTick();
        }

        for (int tick = 0; tick < 60; tick++)
        {
            Tick(tick); // warm-up: lists, chunks and the queue reach their steady size
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int tick = 60; tick < 360; tick++)
        {
            Tick(tick);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1010, world.EntityCount);
    }

    [Fact]
    public void AddRemoveMoves_AllocateNothing_OnceTheArchetypesAndEdgesExist()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        var entities = new Entity[500];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, i), new Velocity(1, 2));
        }

        void Churn()
        {
            foreach (Entity e in entities)
            {
                world.Add(e, new Health(3));
            }

            foreach (Entity e in entities)
            {
                world.Remove<Health>(e);
            }
        }

        for (int round = 0; round < 40; round++)
        {
            Churn(); // warm-up: archetypes, edges, chunks and the changed list reach their steady size
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
        {
            Churn();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(new Position(499, 499), world.Get<Position>(entities[499]));
        Assert.False(world.Has<Health>(entities[0]));
    }
}
