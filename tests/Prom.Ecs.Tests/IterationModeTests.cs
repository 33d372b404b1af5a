using System;
using System.Collections.Generic;
using Prom.Ecs.Simd;
using Prom.Ecs.Tests.Components;
using Prom.Ecs.Tests.Views;
using Xunit;

namespace Prom.Ecs.Tests;

public class IterationModeTests
{
    private const float Dt = 0.25f;

    private enum Mode
    {
        Tuples,
        Views,
        ChunkSpans,
    }

    [Fact]
    public void TheThreeModes_ProduceTheSameStateTickAfterTick()
    {
        List<Position> tuples = Run(Mode.Tuples);
        List<Position> views = Run(Mode.Views);
        List<Position> spans = Run(Mode.ChunkSpans);
        Assert.Equal(tuples, views);
        Assert.Equal(tuples, spans);
        Assert.Equal(new Position(3.75f, 17.5f), tuples[7]); // 5 ticks of (3, 14) * 0.25, exact in float
    }

    [Fact]
    public void ChunkWrite_MarksCoverageInBulk_SoSpanWritesAreNeverLost()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 40; i++)
        {
            entities.Add(world.Create(new Position(i, i)));
        }

        OwnerToken owner = world.CreateOwner("Spans").Own<Position>();
        Query query = world.Query().All<Position>().Build();
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            ColumnWriter<Position> position = chunk.Write<Position>(owner);
            position.Next<float>(0).Fill(-1);
            position.Next<float>(1).Fill(-2);
            position.MarkChangedRange(0, 1);
        }

        world.EndTick();
        Assert.Empty(world.Report.CoverageGaps);
        Assert.Equal(3, world.Report.SwappedSlots);
        foreach (Entity e in entities)
        {
            Assert.Equal(new Position(-1, -2), world.Get<Position>(e));
        }

        Assert.Equal(3, world.Query().Changed<Position>().Build().Count()); // row 0 of each of the three chunks
    }

    [Fact]
    public void ChunkWrite_WithTheWrongScalarType_ThrowsNamingTheLeaf()
    {
        var world = new World();
        world.Create(new Mixed(1, 2, 3));
        OwnerToken owner = world.CreateOwner("Owner").Own<Mixed>();
        world.BeginTick();
        foreach (QueryChunk chunk in world.Query().All<Mixed>().Build().Chunks())
        {
            ColumnWriter<Mixed> mixed = chunk.Write<Mixed>(owner);
            var error = Assert.Throws<ArgumentException>(() => mixed.Next<float>(0));
            Assert.Contains("Leaf 'd' of Mixed is a 8-byte Float64", error.Message);
            mixed.CarryAll();
            Assert.Equal(1.0, mixed.Prev<double>(0)[0]);
            Assert.Equal((byte)2, mixed.Prev<byte>(1)[0]);
            Assert.Equal((short)3, mixed.Prev<short>(2)[0]);
        }

        world.EndTick();
    }

    [Fact]
    public void ChangedFollowsTheEntity_ThroughSwapRemove_AndNeverMarksABystander()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 20; i++)
        {
            entities.Add(world.Create(new Position(i, 0)));
        }

        OwnerToken owner = world.CreateOwner("Owner").Own<Position>();
        world.BeginTick();
        world.EndTick();
        world.BeginTick();
        owner.Set(entities[19], new Position(99, 0)); // the last row, in the second chunk
        world.EndTick();

        world.Destroy(entities[2]); // entities[19] moves into row 2 of the first chunk
        world.Destroy(entities[3]); // entities[18] moves into row 3: it must not inherit a changed mark
        Assert.True(world.IsChanged<Position>(entities[19]));
        for (int i = 0; i < 19; i++)
        {
            if (i is not (2 or 3))
            {
                Assert.False(world.IsChanged<Position>(entities[i]), $"bystander {i} marked changed");
            }
        }

        Assert.Equal(new Position(99, 0), world.Get<Position>(entities[19]));
        Assert.Equal(1, world.Query().Changed<Position>().Build().Count());
    }

    private static List<Position> Run(Mode mode)
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 50; i++)
        {
            entities.Add(world.Create(new Position(0, 0), new Velocity(3, i * 2)));
        }

        OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
        Query query = world.Query().All<Position>().All<Velocity>().Build();
        for (int tick = 0; tick < 5; tick++)
        {
            world.BeginTick();
            switch (mode)
            {
                case Mode.Tuples:
                    foreach (var (_, row, position, velocity) in query.Tuples<Position, Velocity>())
                    {
                        movement.Set(row, new Position(position.X + (velocity.X * Dt), position.Y + (velocity.Y * Dt)));
                    }

                    break;
                case Mode.Views:
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        ColumnWriter<Position> writer = chunk.Write<Position>(movement);
                        var positions = new PositionWriteColumns(writer);
                        var velocities = new VelocityReadColumns(chunk.Read<Velocity>());
                        for (int row = 0; row < positions.Count; row++)
                        {
                            PositionView p = positions[row];
                            VelocityView v = velocities[row];
                            p.NextX = p.X + (v.X * Dt);
                            p.NextY = p.Y + (v.Y * Dt);
                        }

                        writer.MarkAllChanged();
                    }

                    break;
                default:
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        ColumnWriter<Position> position = chunk.Write<Position>(movement);
                        ColumnReader<Velocity> velocity = chunk.Read<Velocity>();
                        SoaKernels.MultiplyAdd(position.Next<float>(0), position.Prev<float>(0), velocity.Leaf<float>(0), Dt);
                        SoaKernels.MultiplyAdd(position.Next<float>(1), position.Prev<float>(1), velocity.Leaf<float>(1), Dt);
                        position.MarkAllChanged();
                    }

                    break;
            }

            world.EndTick();
            Assert.Empty(world.Report.CoverageGaps);
            Assert.Equal(50, world.Query().Changed<Position>().Build().Count());
        }

        var result = new List<Position>();
        foreach (Entity e in entities)
        {
            result.Add(world.Get<Position>(e));
        }

        return result;
    }
}
