using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

public class EntityTests
{
    [Fact]
    public void DefaultEntity_IsTheNullEntity_AndNeverAlive()
    {
        var world = new World();
        Assert.True(default(Entity).IsNull);
        Assert.Equal(Entity.Null, default);
        Assert.False(world.IsAlive(default));
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(default));
        Assert.Contains("null entity", error.Message);
    }

    [Fact]
    public void FirstEntity_IsValidAndAlive()
    {
        var world = new World();
        Entity first = world.Create(new Position(1, 2));
        Assert.False(first.IsNull);
        Assert.Equal(0u, first.Index);
        Assert.Equal(1u, first.Generation);
        Assert.True(world.IsAlive(first));
        Assert.Equal(new Position(1, 2), world.Get<Position>(first));
    }

    [Fact]
    public void DestroyThenCreate_ReusesIndexWithNextGeneration_AndOldHandleIsStale()
    {
        var world = new World();
        Entity old = world.Create(new Position(1, 2));
        world.Destroy(old);
        Entity reused = world.Create(new Position(3, 4));

        Assert.Equal(old.Index, reused.Index);
        Assert.Equal(old.Generation + 1, reused.Generation);
        Assert.False(world.IsAlive(old));
        Assert.True(world.IsAlive(reused));
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(old));
        Assert.Contains(old.ToString(), error.Message);
        Assert.Contains("not alive", error.Message);
        Assert.Equal(old, error.Entity);
        Assert.Throws<StaleEntityException>(() => world.Destroy(old));
        Assert.Throws<StaleEntityException>(() => world.Add(old, new Velocity(1, 1)));
        Assert.Equal(new Position(3, 4), world.Get<Position>(reused));
    }

    [Fact]
    public void Handle_Packs32BitIndexAnd32BitGeneration()
    {
        var entity = new Entity(uint.MaxValue - 1, uint.MaxValue);
        Assert.Equal(uint.MaxValue - 1, entity.Index);
        Assert.Equal(uint.MaxValue, entity.Generation);
        Assert.Equal(entity, Entity.FromRawValue(entity.RawValue));
        Assert.Equal("Entity(3v2)", new Entity(3, 2).ToString());
    }

    [Fact]
    public void NeverCreatedIndex_IsReportedAsSuch()
    {
        var world = new World();
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(new Entity(42, 1)));
        Assert.Contains("Entity(42v1)", error.Message);
        Assert.Contains("was ever created", error.Message);
    }

    [Fact]
    public void GetOfMissingComponent_ThrowsNamingEntityAndComponent()
    {
        var world = new World();
        Entity e = world.Create(new Position(1, 2));
        var error = Assert.Throws<MissingComponentException>(() => world.Get<Velocity>(e));
        Assert.Contains("Velocity", error.Message);
        Assert.Contains(e.ToString(), error.Message);
    }
}
