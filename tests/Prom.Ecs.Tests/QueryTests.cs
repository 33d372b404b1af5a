using System.Collections.Generic;
using Prom.Ecs.Tests.Components;
using Xunit;
using A = Prom.Ecs.Tests.Components.Counted<Prom.Ecs.Tests.Components.Z>;
using B = Prom.Ecs.Tests.Components.Counted<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.Z>>;
using C = Prom.Ecs.Tests.Components.Counted<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.S<Prom.Ecs.Tests.Components.Z>>>;

namespace Prom.Ecs.Tests;

public class QueryTests
{
    private static World FiveEntities()
    {
        // {A}, {A,B}, {B,C}, {C}, {}
        var world = new World();
        world.Create(new A(1));
        world.Create(new A(2), new B(2));
        world.Create(new B(3), new C(3));
        world.Create(new C(4));
        world.Create();
        return world;
    }

    [Fact]
    public void AllAnyNoneAndEmpty_CountTheExpectedEntities()
    {
        World world = FiveEntities();
        Assert.Equal(2, world.Query().All<A>().Build().Count());
        Assert.Equal(3, world.Query().Any<B>().Any<C>().Build().Count());
        Assert.Equal(1, world.Query().All<A>().None<B>().Build().Count());
        Assert.Equal(5, world.Query().Build().Count());
    }

    [Fact]
    public void AQueryBuiltEarly_SeesArchetypesCreatedLater()
    {
        var world = new World();
        Query withA = world.Query().All<A>().Build();
        Assert.Equal(0, withA.Count());
        world.Create(new A(1), new B(1));
        world.Create(new A(1), new C(1));
        Assert.Equal(2, withA.Count());
    }

    [Fact]
    public void Iteration_IsInChunkOrder_AndTheThreeModesAgree()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var created = new List<Entity>();
        for (int i = 0; i < 50; i++)
        {
            created.Add(world.Create(new Position(i, 2 * i), new Velocity(1, 1)));
        }

        Query query = world.Query().All<Position>().Build();
        var byRows = new List<Entity>();
        foreach (EntityRow row in query.Rows())
        {
            byRows.Add(row.Entity);
            Assert.Equal(new Position(byRows.Count - 1, 2 * (byRows.Count - 1)), row.Get<Position>());
        }

        var byChunks = new List<Entity>();
        int chunks = 0;
        foreach (QueryChunk chunk in query.Chunks())
        {
            chunks++;
            System.ReadOnlySpan<float> xs = chunk.Read<Position>().Leaf<float>(0);
            for (int r = 0; r < chunk.Count; r++)
            {
                byChunks.Add(chunk.Entities[r]);
                Assert.Equal(byChunks.Count - 1, xs[r]);
            }
        }

        var byTuples = new List<Entity>();
        foreach (var (entity, _, position, velocity) in query.Tuples<Position, Velocity>())
        {
            byTuples.Add(entity);
            Assert.Equal(world.Get<Position>(entity), position);
            Assert.Equal(new Velocity(1, 1), velocity);
        }

        Assert.Equal(created, byRows);
        Assert.Equal(created, byChunks);
        Assert.Equal(created, byTuples);
        Assert.Equal(4, chunks);
    }

    [Fact]
    public void Tuples_RebindPerChunkAcrossArchetypes_GatherEveryLeafSize_AndNameTheEntityWhenAComponentIsMissing()
    {
        // Tuples resolve a component's columns once per chunk; rows of several archetypes and chunks (16 rows each)
        // must each read their own chunk's columns, for a dense float component and for one with 8-, 1- and 2-byte
        // leaves and padding.
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var expected = new Dictionary<Entity, (Position, Mixed)>();
        for (int i = 0; i < 40; i++)
        {
            var position = new Position(i, -i);
            var mixed = new Mixed(i * 0.5, (byte)i, (short)(-i));
            Entity e = i % 2 == 0 ? world.Create(position, mixed) : world.Create(position, mixed, new Velocity(i, i));
            expected.Add(e, (position, mixed));
        }

        int seen = 0;
        foreach (var (entity, row, position, mixed) in world.Query().All<Position>().All<Mixed>().Build().Tuples<Position, Mixed>())
        {
            Assert.Equal(expected[entity], (position, mixed));
            Assert.Equal(entity, row.Entity);
            seen++;
        }

        Assert.Equal(40, seen);

        // An Any query can reach chunks without the component: the error names the first entity of such a chunk.
        Entity lone = world.Create(new Velocity(7, 7));
        var error = Assert.Throws<MissingComponentException>(() =>
        {
            foreach (var (_, _, _) in world.Query().Any<Velocity>().Build().Tuples<Position>())
            {
            }
        });
        Assert.Equal(lone, error.Entity);
        Assert.Contains("Tuples", error.Message);
    }

    [Fact]
    public void Any_AgreesWithCountAboveZero_ThroughCreatesChangesAndDestroys()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        Query all = world.Query().All<Position>().Build();
        Query changed = world.Query().All<Position>().Changed<Position>().Build();
        Assert.False(all.Any());

        var entities = new List<Entity>();
        for (int i = 0; i < 20; i++)
        {
            entities.Add(world.Create(new Position(i, 0)));
        }

        OwnerToken mover = world.CreateOwner("Mover").Own<Position>();
        Assert.True(all.Any());
        Assert.Equal(changed.Count() > 0, changed.Any());

        // Tick 1 changes only the last entity (in the second chunk); tick 2 sees it as changed; tick 3 no longer does.
        world.BeginTick();
        mover.Set(entities[^1], new Position(-1, -1));
        world.EndTick();
        world.BeginTick();
        Assert.True(changed.Any());
        Assert.Equal(1, changed.Count());
        world.EndTick();
        world.BeginTick();
        Assert.False(changed.Any());
        Assert.Equal(0, changed.Count());
        world.EndTick();

        foreach (Entity e in entities)
        {
            world.Destroy(e);
        }

        Assert.False(all.Any());
        Assert.Equal(0, all.Count());
    }

    [Fact]
    public void ChangedQuery_SelectsOnlyRowsWhereAListedComponentChanged()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 16 });
        var entities = new List<Entity>();
        for (int i = 0; i < 40; i++)
        {
            entities.Add(world.Create(new Position(i, 0), new Velocity(0, 0)));
        }

        OwnerToken mover = world.CreateOwner("Mover").Own<Position>();
        OwnerToken steer = world.CreateOwner("Steer").Own<Velocity>();
        world.BeginTick();
        world.EndTick(); // creation marks cleared

        world.BeginTick();
        mover.Set(entities[3], new Position(100, 0));
        mover.Set(entities[35], new Position(100, 0));
        steer.Set(entities[20], new Velocity(1, 0));
        world.EndTick();

        Query changedPosition = world.Query().Changed<Position>().Build();
        Query changedEither = world.Query().Changed<Position>().Changed<Velocity>().Build();
        var seen = new List<Entity>();
        foreach (EntityRow row in changedEither.Rows())
        {
            seen.Add(row.Entity);
        }

        Assert.Equal(2, changedPosition.Count());
        Assert.Equal(new[] { entities[3], entities[20], entities[35] }, seen);
        int chunksVisited = 0;
        foreach (QueryChunk chunk in changedPosition.Chunks())
        {
            chunksVisited++;
            Assert.True(chunk.HasRowFilter);
        }

        Assert.Equal(2, chunksVisited); // the chunk of row 20 has no Position change and is skipped
    }

    [Fact]
    public void AnyQuery_ChunksCanAskWhichOptionalComponentTheyHave()
    {
        World world = FiveEntities();
        int withB = 0;
        foreach (QueryChunk chunk in world.Query().Any<B>().Any<C>().Build().Chunks())
        {
            if (chunk.Has<B>())
            {
                withB += chunk.Count;
            }
        }

        Assert.Equal(2, withB);
    }

    [Fact]
    public void ChunkRead_OfAComponentTheChunkLacks_ThrowsMissingComponent_RegisteredOrNot()
    {
        // Read<T> finds the component without registering it (its inlined path has no registration call): a component
        // this world has never seen must still fail with the same exception as one it knows but the chunk lacks.
        var world = new World();
        Entity e = world.Create(new Position(1, 2));
        world.Create(new Velocity(3, 4));
        Query query = world.Query().All<Position>().Build();
        foreach (QueryChunk chunk in query.Chunks())
        {
            Assert.Equal(new Position(1, 2), chunk.Read<Position>().Get(0));

            var known = Assert.Throws<MissingComponentException>(() => chunk.Read<Velocity>());
            Assert.Equal(e, known.Entity);
            Assert.Equal("Velocity", known.Component.Name);
            Assert.StartsWith("Read Velocity", known.Message);

            var unknown = Assert.Throws<MissingComponentException>(() => chunk.Read<C>());
            Assert.Equal(e, unknown.Entity);
            Assert.StartsWith("Read " + unknown.Component.Name, unknown.Message);
        }
    }
}
