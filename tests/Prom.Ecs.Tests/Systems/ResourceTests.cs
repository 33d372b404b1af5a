using System;
using System.Collections.Generic;
using Xunit;

namespace Prom.Ecs.Tests.Systems;

public class ResourceTests
{
    private struct Gravity
    {
        public float Value;
    }

    private sealed class Settings
    {
        public string Name { get; set; } = "";
    }

    private struct NeverSet
    {
    }

    [Fact]
    public void SetResource_ThenResource_ReturnsAReference_WritesThroughItAreSeen()
    {
        var world = new World();
        world.SetResource(new Gravity { Value = 9.8f });
        ref Gravity gravity = ref world.Resource<Gravity>();
        gravity.Value = 1.6f;
        Assert.Equal(1.6f, world.Resource<Gravity>().Value);

        world.SetResource(new Gravity { Value = 3.7f });
        Assert.Equal(3.7f, gravity.Value); // the storage never moves: earlier references see the new value
        Assert.True(world.HasResource<Gravity>());
    }

    [Fact]
    public void ClassResources_AreStoredByReference()
    {
        var world = new World();
        var settings = new Settings { Name = "a" };
        world.SetResource(settings);
        Assert.Same(settings, world.Resource<Settings>());
        Assert.True(world.TryGetResource(out Settings? found));
        Assert.Same(settings, found);
    }

    [Fact]
    public void MissingResource_ThrowsNamingTheTypeAndHowToSetIt()
    {
        var world = new World();
        Assert.False(world.HasResource<NeverSet>());
        Assert.False(world.TryGetResource(out NeverSet _));
        MissingResourceException error = Assert.Throws<MissingResourceException>(() => world.Resource<NeverSet>());
        Assert.Equal(typeof(NeverSet), error.ResourceType);
        Assert.Equal("The world has no NeverSet resource: call world.SetResource(new NeverSet(...)) before the first tick (or before the system that reads it runs).", error.Message);
    }

    [Fact]
    public void Resources_ArePerWorld()
    {
        var first = new World();
        var second = new World();
        first.SetResource(new Gravity { Value = 1 });
        Assert.False(second.HasResource<Gravity>());
        second.SetResource(new Gravity { Value = 2 });
        Assert.Equal(1, first.Resource<Gravity>().Value);
        Assert.Equal(2, second.Resource<Gravity>().Value);
    }

    [Fact]
    public void ManyResourceTypes_GrowTheTable_WithoutLosingEarlierOnes()
    {
        var world = new World();
        world.SetResource(new Gravity { Value = 5 });
        world.SetResource(new List<int> { 1 });
        world.SetResource("text");
        world.SetResource(42);
        world.SetResource(new Settings { Name = "x" });
        Assert.Equal(5, world.Resource<Gravity>().Value);
        Assert.Equal(42, world.Resource<int>());
        Assert.Equal("text", world.Resource<string>());
        Assert.Equal("x", world.Resource<Settings>().Name);
        Assert.Single(world.Resource<List<int>>());
    }
}
