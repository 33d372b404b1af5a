using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Prom.Ecs.Tests.Components;
using Xunit;
using Deep68 = Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.Z>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>;
using Deep69 = Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.Z>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>;

namespace Prom.Ecs.Tests;

public class RegistrationTests
{
    [Fact]
    public void Ids_AreAssignedInDefinitionOrder_OncePerWorld()
    {
        var world = new World();
        Assert.Equal(0, world.Register<Velocity>());
        Assert.Equal(1, world.Register<Position>());
        Assert.Equal(2, world.Register<Health>());
        Assert.Equal(0, world.Register<Velocity>());
        Assert.Equal(1, world.IdOf<Position>());
        Assert.Equal(3, world.ComponentCount);
        Assert.Equal("Velocity", world.Components[0].Name);

        var other = new World();
        Assert.Equal(0, other.Register<Health>());
        Assert.Equal(1, other.IdOf<Velocity>());
    }

    [Fact]
    public void LeavesBecomeColumns()
    {
        var world = new World();
        ComponentInfo mixed = world.InfoOf<Mixed>();
        Assert.Equal(3, mixed.LeafCount);
        Assert.Equal(16, mixed.Size);
        Assert.Equal("s", mixed.Leaves[2].Path);
        Assert.Equal(10, mixed.Leaves[2].Offset);
    }

    [Fact]
    public void MoreThan64ComponentTypes_Work_InArchetypesAndQueries()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var ids = new List<int>();
        Entity all = world.Create();
        Entity even = world.Create();
        Chain<Z>.Run(world, 70, all, even, ids);

        Assert.Equal(70, world.ComponentCount);
        Assert.Equal(70, ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.Equal(i, ids[i]);
        }

        Assert.Equal(1, world.Query().All<Counted<Deep69>>().Build().Count());
        Assert.Equal(2, world.Query().All<Counted<Deep68>>().Build().Count());
        Assert.Equal(1, world.Query().All<Counted<Deep68>>().None<Counted<Deep69>>().Build().Count());
        Assert.Equal(2, world.Query().All<Counted<Z>>().Build().Count());
        Assert.Equal(68.5f, world.Get<Counted<Deep68>>(even).Value);
        Assert.Equal(69.5f, world.Get<Counted<Deep69>>(all).Value);
    }

    [Fact]
    public void LayoutThatDoesNotMatchTheType_IsRejectedWithAClearError()
    {
        var world = new World();
        var error = Assert.Throws<ArgumentException>(() => world.Register<BadLayout>());
        Assert.Contains("BadLayout", error.Message);
    }

    /// <summary>Registers Counted&lt;N&gt; for N = 0..count-1 by generic recursion (no reflection).</summary>
    private static class Chain<TNat> where TNat : struct
    {
        public static void Run(World world, int count, Entity all, Entity even, List<int> ids)
        {
            if (ids.Count == count)
            {
                return;
            }

            int n = ids.Count;
            ids.Add(world.Register<Counted<TNat>>());
            world.Add(all, new Counted<TNat>(n + 0.5f));
            if (n % 2 == 0)
            {
                world.Add(even, new Counted<TNat>(n + 0.5f));
            }

            Chain<S<TNat>>.Run(world, count, all, even, ids);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct BadLayout : IStruct<BadLayout>
    {
        public int A;

        public static StructLayoutInfo Layout { get; } = TestLayout.Of("BadLayout", 8, 4, TestLayout.F32("A", 0));

        public static void Write(in BadLayout value, Span<byte> destination, bool bigEndian = false) => throw new NotSupportedException();

        public static BadLayout Read(ReadOnlySpan<byte> source, bool bigEndian = false) => throw new NotSupportedException();

        public static void WriteAll(ReadOnlySpan<BadLayout> values, Span<byte> destination, bool bigEndian = false) => throw new NotSupportedException();

        public static void ReadAll(ReadOnlySpan<byte> source, Span<BadLayout> destination, bool bigEndian = false) => throw new NotSupportedException();
    }
}
