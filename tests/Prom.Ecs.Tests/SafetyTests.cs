using System;
using System.Collections.Generic;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>Iteration that cannot silently skip rows, bounded chunk memory, and handles that never come back to life.</summary>
public class SafetyTests
{
    [Fact]
    public void DestroyingWhileIteratingRows_ThrowsAtTheNextStep_InsteadOfSkippingRows()
    {
        var world = new World();
        for (int i = 0; i < 100; i++)
        {
            world.Create(new Health(i));
        }

        Query query = world.Query().All<Health>().Build();
        int visited = 0;
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (EntityRow row in query.Rows())
            {
                visited++;
                world.Destroy(row.Entity);
            }
        });

        Assert.Contains("changed (create, destroy, add or remove) while a query was being iterated", error.Message);
        Assert.Equal(1, visited);
        Assert.Equal(99, world.EntityCount);
        Assert.Equal(99, query.Count()); // a new iteration sees the world as it is
    }

    [Fact]
    public void AddingAComponentWhileIteratingChunksOrTuples_Throws()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 100; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        Query query = world.Query().All<Health>().Build();
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (QueryChunk chunk in query.Chunks())
            {
                world.Add(chunk.Entities[0], new Velocity(1, 1));
            }
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (entity, _, _) in query.Tuples<Health>())
            {
                world.Add(entity, new Velocity(1, 1));
            }
        });

        // The supported way: collect, then change after the loop (or record in a command buffer).
        var all = new List<Entity>();
        foreach (EntityRow row in query.Rows())
        {
            all.Add(row.Entity);
        }

        foreach (Entity e in all)
        {
            world.Add(e, new Velocity(2, 2));
        }

        Assert.Equal(100, world.Query().All<Health>().All<Velocity>().Build().Count());
    }

    [Fact]
    public void ValueWritesWhileIterating_AreNotStructural_AndDoNotThrow()
    {
        var world = new World();
        for (int i = 0; i < 10; i++)
        {
            world.Create(new Health(i));
        }

        int visited = 0;
        foreach (EntityRow row in world.Query().All<Health>().Build().Rows())
        {
            world.Set(row.Entity, new Health(-1));
            visited++;
        }

        Assert.Equal(10, visited);
    }

    [Fact]
    public void DestroyingEveryEntity_FreesAllButSixteenEmptyChunksPerArchetype()
    {
        // Chunks of one size, so the counts below are rows / 16 (growth to large chunks is ChunkGrowthTests').
        var world = new World(new WorldOptions { ChunkCapacity = 16, LargeChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 20_000; i++)
        {
            entities.Add(world.Create(new Health(i)));
        }

        Assert.True(world.AllocatedChunkCount >= 1250, $"{world.AllocatedChunkCount} chunks for 20,000 rows of 16");
        foreach (Entity e in entities)
        {
            world.Destroy(e);
        }

        Assert.True(world.AllocatedChunkCount <= 16 + 1, $"{world.AllocatedChunkCount} chunks kept after destroying everything");

        // The kept chunks serve the next entities; growing again allocates new blocks and works as before.
        for (int i = 0; i < 5_000; i++)
        {
            world.Create(new Health(i));
        }

        Assert.Equal(5_000, world.Query().All<Health>().Build().Count());
        long sum = 0;
        foreach (var (_, _, health) in world.Query().All<Health>().Build().Tuples<Health>())
        {
            sum += health.Value;
        }

        Assert.Equal(4_999L * 5_000 / 2, sum);
    }

    [Fact]
    public void AnIndexAtTheLastGeneration_IsRetired_SoOldHandlesNeverBecomeValidAgain()
    {
        var world = new World();
        Entity first = world.Create(new Health(1));
        Entity last = world.DangerousSetGeneration(first, uint.MaxValue);
        Assert.True(world.IsAlive(last));
        world.Destroy(last);

        Assert.False(world.IsAlive(last));
        Assert.Equal(1, world.RetiredIndices);
        for (int i = 0; i < 10; i++)
        {
            Entity next = world.Create(new Health(i));
            Assert.NotEqual(first.Index, next.Index);
        }

        // Wrapping to generation 1 would have made the very first handle of this index alive again.
        Assert.False(world.IsAlive(new Entity(first.Index, 1)));
        Assert.False(world.IsAlive(first));
        StaleEntityException stale = Assert.Throws<StaleEntityException>(() => world.Get<Health>(last));
        Assert.Contains("not alive", stale.Message);
    }
}
