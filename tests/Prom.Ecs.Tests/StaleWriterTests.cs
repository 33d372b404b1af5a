using System;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>A <see cref="ColumnWriter{T}"/> belongs to the tick it was opened in.</summary>
public class StaleWriterTests
{
    [Fact]
    public void AWriterKeptFromAnEarlierTick_Throws_AndWritesNothing()
    {
        var world = new World();
        OwnerToken owner = world.CreateOwner("Mover").Own<Health>();
        Entity e = world.Create(new Health(1));
        Query query = world.Query().All<Health>().Build();
        ColumnWriter<Health> kept = default;

        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            kept = chunk.Write<Health>(owner);
            kept.CarryAll();
        }

        world.EndTick();

        ColumnWriter<Health> writer = kept;
        InvalidOperationException between = Assert.Throws<InvalidOperationException>(() => writer.Next<int>(0));
        Assert.Contains("was opened in tick 0, which has ended", between.Message);
        world.BeginTick();
        Assert.Throws<InvalidOperationException>(() => writer.Set(0, new Health(99)));
        Assert.Throws<InvalidOperationException>(() => writer.MarkChanged(0));
        Assert.Throws<InvalidOperationException>(() => writer.MarkChangedWord(0, 1));
        Assert.Throws<InvalidOperationException>(() => writer.MarkAllChanged());
        Assert.Throws<InvalidOperationException>(() => writer.CarryAll());
        Assert.Throws<InvalidOperationException>(() => writer.DangerousGetNextReference<int>(0));
        Assert.Throws<InvalidOperationException>(() => writer.GetPrev(0));
        world.EndTick();

        world.BeginTick();
        world.EndTick();
        Assert.Equal(new Health(1), world.Get<Health>(e));
        Assert.False(world.IsChanged<Health>(e));
    }
}
