using System;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests.InPlace;

public class InPlaceUpdateTests
{
    [Fact]
    public void InPlace_NextIsPrev_NothingSwaps_AndTheNextTickSeesTheValuesAndMarks()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        OwnerToken owner = world.CreateOwner("Mover").Own<Position>();
        world.UpdateInPlace<Position>(owner);
        Entity[] entities = new Entity[100];
        for (int i = 0; i < entities.Length; i++)
        {
            entities[i] = world.Create(new Position(i, 0));
        }

        Query query = world.Query().All<Position>().Build();
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            ColumnWriter<Position> writer = chunk.Write<Position>(owner);
            Assert.True(writer.IsInPlace);
            Span<float> next = writer.Next<float>(0);
            ReadOnlySpan<float> prev = writer.Prev<float>(0);
            Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref next[0], ref System.Runtime.CompilerServices.Unsafe.AsRef(in prev[0])));
            for (int row = 0; row < next.Length; row++)
            {
                next[row] += 1;
            }

            writer.MarkChangedWord(0, 0b101);
        }

        world.EndTick();
        Assert.Equal(0, world.Report.CarriedRows);
        for (int i = 0; i < entities.Length; i++)
        {
            Assert.Equal(new Position(i + 1, 0), world.Get<Position>(entities[i]));
            Assert.Equal(i % 64 is 0 or 2, world.IsChanged<Position>(entities[i]));
        }
    }

    [Fact]
    public void InPlace_RowWritesCarriesAndGaps_AreReportedAsWithDoubleBuffers()
    {
        var world = new World();
        OwnerToken owner = world.CreateOwner("Mover").Own<Health>();
        world.UpdateInPlace<Health>(owner);
        Entity a = world.Create(new Health(1));
        Entity b = world.Create(new Health(2));
        Entity c = world.Create(new Health(3));

        world.BeginTick();
        owner.Set(a, new Health(10));
        Assert.False(owner.SetIfChanged(b, new Health(2)));
        world.EndTick(); // c was not written: a coverage gap, its value kept

        Assert.Equal(new Health(10), world.Get<Health>(a));
        Assert.Equal(new Health(2), world.Get<Health>(b));
        Assert.Equal(new Health(3), world.Get<Health>(c));
        Assert.True(world.IsChanged<Health>(a));
        Assert.False(world.IsChanged<Health>(b));
        CoverageGap gap = Assert.Single(world.Report.CoverageGaps);
        Assert.Equal(c, gap.FirstUncovered);
        Assert.Equal(1, gap.UncoveredRows);
        Assert.Equal(1, world.Report.CarriedRows);
    }

    [Fact]
    public void InPlace_ReadsInsideATick_ThrowNamingTheOwner_AndWorkBetweenTicks()
    {
        var world = new World();
        OwnerToken owner = world.CreateOwner("Mover").Own<Health>();
        world.UpdateInPlace<Health>(owner);
        Entity e = world.Create(new Health(1), new Velocity(1, 1));
        Query query = world.Query().All<Health>().Build();

        world.BeginTick();
        InvalidOperationException get = Assert.Throws<InvalidOperationException>(() => world.Get<Health>(e));
        Assert.Contains("Health is updated in place by 'Mover'", get.Message);
        Assert.Throws<InvalidOperationException>(() => world.TryGet<Health>(e, out _));
        foreach (QueryChunk chunk in query.Chunks())
        {
            QueryChunk current = chunk;
            Assert.Throws<InvalidOperationException>(() => current.Read<Health>());
        }

        foreach (EntityRow row in query.Rows())
        {
            EntityRow current = row;
            Assert.Throws<InvalidOperationException>(() => current.Get<Health>());
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in query.Tuples<Health>())
            {
            }
        });
        Assert.Equal(new Velocity(1, 1), world.Get<Velocity>(e)); // other components read as usual
        world.EndTick();

        Assert.Equal(new Health(1), world.Get<Health>(e));
    }

    [Fact]
    public void UpdateInPlace_NeedsTheOwner_AndCanBeSwitchedBackBetweenTicks()
    {
        var world = new World();
        OwnerToken owner = world.CreateOwner("Mover").Own<Health>();
        OwnerToken other = world.CreateOwner("Other");
        Assert.Throws<OwnershipException>(() => world.UpdateInPlace<Health>(other));
        Entity e = world.Create(new Health(1));

        world.UpdateInPlace<Health>(owner);
        world.BeginTick();
        Assert.Throws<InvalidOperationException>(() => world.UpdateInPlace<Health>(owner, false));
        owner.Set(e, new Health(2));
        world.EndTick();

        world.UpdateInPlace<Health>(owner, false);
        Assert.False(world.IsUpdatedInPlace<Health>());
        world.BeginTick();
        owner.Set(e, new Health(3));
        Assert.Equal(new Health(2), world.Get<Health>(e)); // double-buffered again: readers see prev
        world.EndTick();
        Assert.Equal(new Health(3), world.Get<Health>(e));

        world.BeginTick();
        world.EndTick(); // nobody wrote: the value stays
        Assert.Equal(new Health(3), world.Get<Health>(e));
    }
}
