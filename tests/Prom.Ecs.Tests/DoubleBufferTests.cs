using System;
using System.Diagnostics;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

public class DoubleBufferTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WriterThenReader_OrReaderThenWriter_ReaderSeesOldValue_NextTickSeesNewAndChanged(bool writerFirst)
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        OwnerToken systemA = world.CreateOwner("A").Own<Position>();
        world.BeginTick();
        world.EndTick();

        var p1 = new Position(1, 1);
        Position seenByB;
        world.BeginTick(); // tick N
        if (writerFirst)
        {
            systemA.Set(e, p1);
            seenByB = world.Get<Position>(e);
        }
        else
        {
            seenByB = world.Get<Position>(e);
            systemA.Set(e, p1);
        }

        Assert.Equal(new Position(0, 0), seenByB);
        Assert.Equal(new Position(0, 0), world.Get<Position>(e));
        world.EndTick();

        world.BeginTick(); // tick N+1
        Assert.Equal(p1, world.Get<Position>(e));
        Assert.True(world.IsChanged<Position>(e));
        Assert.Equal(1, world.Query().Changed<Position>().Build().Count());
        world.EndTick();

        world.BeginTick(); // tick N+2, nobody writes
        Assert.Equal(p1, world.Get<Position>(e));
        Assert.False(world.IsChanged<Position>(e));
        Assert.Equal(0, world.Query().Changed<Position>().Build().Count());
        world.EndTick();
    }

    [Fact]
    public void Carry_NeverShowsAsChanged_AndKeepsTheValue()
    {
        var world = new World();
        Entity e = world.Create(new Position(4, 5));
        OwnerToken owner = world.CreateOwner("Keeper").Own<Position>();
        world.BeginTick();
        world.EndTick();
        for (int tick = 0; tick < 5; tick++)
        {
            world.BeginTick();
            Assert.False(world.IsChanged<Position>(e));
            owner.Carry<Position>(e);
            world.EndTick();
            Assert.Equal(new Position(4, 5), world.Get<Position>(e));
            Assert.Equal(1, world.Report.SwappedSlots);
        }

        Assert.False(world.IsChanged<Position>(e));
    }

    [Fact]
    public void SetIfChanged_CarriesEqualValues_AndMarksDifferentOnes()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 1));
        OwnerToken owner = world.CreateOwner("Owner").Own<Position>();
        world.BeginTick();
        world.EndTick();

        world.BeginTick();
        Assert.False(owner.SetIfChanged(e, new Position(1, 1)));
        world.EndTick();
        Assert.False(world.IsChanged<Position>(e));

        world.BeginTick();
        Assert.True(owner.SetIfChanged(e, new Position(1, 2)));
        world.EndTick();
        Assert.True(world.IsChanged<Position>(e));
        Assert.Equal(new Position(1, 2), world.Get<Position>(e));
    }

    [Fact]
    public void SetOfAnEqualValue_StillMarksChanged()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 1));
        OwnerToken owner = world.CreateOwner("Owner").Own<Position>();
        world.BeginTick();
        world.EndTick();
        world.BeginTick();
        owner.Set(e, new Position(1, 1));
        world.EndTick();
        Assert.True(world.IsChanged<Position>(e));
    }

    [Fact]
    public void UnwrittenComponent_KeepsItsValueForTenTicks_WithoutFlipFlop()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 1), new Velocity(9, 9));
        OwnerToken mover = world.CreateOwner("Mover").Own<Position>();
        for (int tick = 0; tick < 10; tick++)
        {
            world.BeginTick();
            mover.Set(e, new Position(tick, tick)); // Position is written (and swapped) every tick in the same chunk
            world.EndTick();
            Assert.Equal(new Velocity(9, 9), world.Get<Velocity>(e));
            Assert.Equal(new Velocity(9, 9), world.DangerousGetNext<Velocity>(e));
            Assert.Equal(new Position(tick, tick), world.Get<Position>(e));
        }
    }

    [Fact]
    public void Commit_SwapsPrevAndNextByReference_OnlyForWrittenColumns()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 1), new Velocity(2, 2));
        OwnerToken mover = world.CreateOwner("Mover").Own<Position>();
        Chunk chunk = ChunkOf(world, e);
        int positionLeaf = chunk.Archetype.FirstLeaf[chunk.Archetype.SlotOf(world.IdOf<Position>())];
        int velocityLeaf = chunk.Archetype.FirstLeaf[chunk.Archetype.SlotOf(world.IdOf<Velocity>())];
        nint prevBefore = chunk.PrevAddress(positionLeaf);
        nint nextBefore = chunk.NextAddress(positionLeaf);
        nint velocityPrev = chunk.PrevAddress(velocityLeaf);

        world.BeginTick();
        mover.Set(e, new Position(5, 5));
        world.EndTick();

        Assert.Equal(nextBefore, chunk.PrevAddress(positionLeaf));
        Assert.Equal(prevBefore, chunk.NextAddress(positionLeaf));
        Assert.Equal(velocityPrev, chunk.PrevAddress(velocityLeaf));
        Assert.Equal(0, (long)chunk.PrevAddress(positionLeaf) % 64);
        Assert.Equal(0, (long)chunk.NextAddress(velocityLeaf) % 64);
        Assert.Equal(1, world.Report.SwappedSlots);
    }

    [Fact]
    public void CommitWithNoWrites_DoesNoWork_WhateverTheRowCount()
    {
        var small = new World();
        small.Create(new Position(1, 1));
        var large = new World();
        for (int i = 0; i < 200_000; i++)
        {
            large.Create(new Position(i, i), new Velocity(1, 1));
        }

        // The first commit clears the creation marks (O(chunks)); after that, commits with no writes touch nothing.
        Tick(small);
        Tick(large);
        Assert.Equal(0, large.Report.SwappedSlots);
        Assert.Equal(0, large.Report.CarriedRows);

        double smallTime = TimePerCommit(small);
        double largeTime = TimePerCommit(large);
        Assert.True(largeTime < (smallTime * 10) + 0.002, $"commit with no writes: {largeTime:F5} ms for 200k rows vs {smallTime:F5} ms for 1 row");
    }

    internal static Chunk ChunkOf(World world, Entity entity) => world.Locate(entity, out _, "test");

    private static void Tick(World world)
    {
        world.BeginTick();
        world.EndTick();
    }

    /// <summary>The best per-commit time over many short batches: the minimum filters out preemption on a busy machine.</summary>
    private static double TimePerCommit(World world)
    {
        const int Batches = 30;
        const int CommitsPerBatch = 200;
        for (int i = 0; i < 100; i++)
        {
            Tick(world);
        }

        double best = double.MaxValue;
        for (int batch = 0; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < CommitsPerBatch; i++)
            {
                Tick(world);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds / CommitsPerBatch);
        }

        return best;
    }
}
