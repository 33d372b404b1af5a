using System;
using System.Collections.Generic;
using System.Linq;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// An archetype's first 16 chunks hold <see cref="WorldOptions.ChunkCapacity"/> rows, the ones it adds after them
/// <see cref="WorldOptions.LargeChunkCapacity"/>. Chunks of two sizes in one archetype must behave as one: dense
/// iteration, swap-removal across sizes, per-chunk and per-row writes, and changed marks that move with their entities.
/// </summary>
public class ChunkGrowthTests
{
    private const int Small = 16;
    private const int Large = 48;

    [Fact]
    public void Options_DefaultLargeCapacity_IsFourTimesTheChunkCapacity_AtMostTheMaximum()
    {
        Assert.Equal(16384, new WorldOptions().LargeChunkCapacity);
        Assert.Equal(64, new WorldOptions { ChunkCapacity = 16 }.LargeChunkCapacity);
        Assert.Equal(16384, new WorldOptions { ChunkCapacity = 8192 }.LargeChunkCapacity);
        Assert.Equal(32, new WorldOptions { ChunkCapacity = 32, LargeChunkCapacity = 32 }.LargeChunkCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorldOptions { LargeChunkCapacity = 40 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorldOptions { LargeChunkCapacity = 32768 });

        ArgumentException smaller = Assert.Throws<ArgumentException>(() => new World(new WorldOptions { ChunkCapacity = 64, LargeChunkCapacity = 32 }));
        Assert.Contains("LargeChunkCapacity (32) is smaller than ChunkCapacity (64)", smaller.Message);
    }

    [Fact]
    public void AnArchetypeGrowsToLargeChunks_AfterSixteenSmallOnes_AndIteratesDensely()
    {
        (World world, _, Query query, List<Entity> entities) = Setup((16 * Small) + (5 * Large) + 7);

        var counts = new List<int>();
        foreach (QueryChunk chunk in query.Chunks())
        {
            counts.Add(chunk.Count);
        }

        Assert.Equal(16 + 6, counts.Count);
        Assert.All(counts.Take(16), c => Assert.Equal(Small, c));
        Assert.All(counts.Skip(16).Take(5), c => Assert.Equal(Large, c));
        Assert.Equal(7, counts[^1]);
        Assert.Equal(entities.Count, query.Count());
        Assert.Equal(new Position(300, -300), world.Get<Position>(entities[300]));
    }

    [Theory]
    [InlineData(Large)]
    [InlineData(Small)]
    public void WritesAndChangedMarks_AcrossChunkSizes_MatchAModel_ThroughDestroysThatMoveRowsBetweenSizes(int large)
    {
        (World world, OwnerToken owner, Query query, List<Entity> entities) = Setup(700, large);
        Query changed = world.Query().Changed<Position>().Build();
        var model = entities.ToDictionary(e => e, e => world.Get<Position>(e));
        var random = new Random(7);

        for (int tick = 0; tick < 12; tick++)
        {
            // Even ticks: every chunk written per chunk (x += 1) and marked all changed. Odd ticks: one row in three set
            // per row, the rest carried by the commit; only those rows are changed.
            var expectedChanged = new HashSet<Entity>();
            world.BeginTick();
            if (tick % 2 == 0)
            {
                foreach (QueryChunk chunk in query.Chunks())
                {
                    ColumnWriter<Position> writer = chunk.Write<Position>(owner);
                    ReadOnlySpan<float> x = writer.Prev<float>(0);
                    Span<float> nextX = writer.Next<float>(0);
                    for (int row = 0; row < chunk.Count; row++)
                    {
                        nextX[row] = x[row] + 1;
                    }

                    writer.Prev<float>(1).CopyTo(writer.Next<float>(1));
                    writer.MarkAllChanged();
                    foreach (Entity e in chunk.Entities)
                    {
                        model[e] = new Position(model[e].X + 1, model[e].Y);
                        expectedChanged.Add(e);
                    }
                }
            }
            else
            {
                foreach (Entity e in model.Keys.Where((_, i) => i % 3 == tick % 3).ToList())
                {
                    var value = new Position(model[e].X, model[e].Y - 1);
                    owner.Set(e, value);
                    model[e] = value;
                    expectedChanged.Add(e);
                }
            }

            world.EndTick();
            Assert.Empty(world.Report.DoubleWrites);

            // Destroy a few entities at random: the archetype's last row (in a large chunk) moves into the hole, often a
            // small chunk, with its value and its changed mark.
            for (int i = 0; i < 25; i++)
            {
                Entity victim = model.Keys.ElementAt(random.Next(model.Count));
                world.Destroy(victim);
                model.Remove(victim);
                expectedChanged.Remove(victim);
            }

            // And a few new ones: created with values, so changed until the next tick ends (docs/ecs.md).
            for (int i = 0; i < 10; i++)
            {
                var value = new Position(10_000 + (tick * 10) + i, 0);
                Entity created = world.Create(value);
                model[created] = value;
                expectedChanged.Add(created);
            }

            Assert.Equal(model.Count, query.Count());
            foreach ((Entity e, Position value) in model)
            {
                Assert.Equal(value, world.Get<Position>(e));
                Assert.True(expectedChanged.Contains(e) == world.IsChanged<Position>(e), $"tick {tick}: {e} ({value}) changed should be {expectedChanged.Contains(e)}");
            }

            var seen = new HashSet<Entity>();
            foreach (EntityRow row in changed.Rows())
            {
                Assert.True(seen.Add(row.Entity), $"{row.Entity} visited twice");
            }

            Assert.True(seen.SetEquals(expectedChanged), $"tick {tick}: changed query saw {seen.Count}, expected {expectedChanged.Count}");
        }
    }

    private static (World World, OwnerToken Owner, Query Query, List<Entity> Entities) Setup(int count, int large = Large)
    {
        var world = new World(new WorldOptions { ChunkCapacity = Small, LargeChunkCapacity = large });
        var entities = new List<Entity>();
        for (int i = 0; i < count; i++)
        {
            entities.Add(world.Create(new Position(i, -i)));
        }

        OwnerToken owner = world.CreateOwner("Mover").Own<Position>();
        return (world, owner, world.Query().All<Position>().Build(), entities);
    }
}
