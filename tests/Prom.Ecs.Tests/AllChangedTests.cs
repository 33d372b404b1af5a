using System.Collections.Generic;
using System.Linq;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// <see cref="ColumnWriter{T}.MarkAllChanged"/> sets one per-chunk "all changed" flag instead of filling the changed
/// words. Every reader of changed marks must honour the flag, the commit that retires it must leave no bit behind, and a
/// structural change must not let a row that was not changed join a flagged chunk's changed set (or lose a changed one).
/// </summary>
public class AllChangedTests
{
    // 96 rows per chunk: two 64-row words, the second partial, so word masks at the end of a chunk are checked too.
    private const int Capacity = 96;

    [Fact]
    public void MarkAllChanged_IsSeenByEveryReaderOfChangedMarks_InTheNextTick()
    {
        var (world, owner, entities) = Setup(150);
        Query changed = world.Query().Changed<Position>().Build();
        Query any = world.Query().All<Position>().Build();
        Assert.Equal(0, changed.Count());

        Tick(world, () => MarkAll(owner, any));
        Assert.Equal(150, changed.Count());
        Assert.True(changed.Any());
        Assert.All(entities, e => Assert.True(world.IsChanged<Position>(e), $"{e} should be changed"));

        var rows = new List<Entity>();
        foreach (EntityRow row in changed.Rows())
        {
            Assert.True(row.IsChanged<Position>());
            rows.Add(row.Entity);
        }

        Assert.True(rows.ToHashSet().SetEquals(entities));
        int tuples = 0;
        foreach (var (_, row, _) in changed.Tuples<Position>())
        {
            Assert.True(row.IsChanged<Position>());
            tuples++;
        }

        Assert.Equal(150, tuples);

        int chunks = 0;
        foreach (QueryChunk chunk in changed.Chunks())
        {
            chunks++;
            Assert.True(chunk.HasRowFilter);
            for (int word = 0; word < 3; word++)
            {
                int rest = chunk.Count - (64 * word);
                ulong live = rest >= 64 ? ulong.MaxValue : rest <= 0 ? 0 : (1UL << rest) - 1;
                Assert.Equal(live, chunk.SelectedWord(word));
            }

            Assert.True(chunk.IsSelected(chunk.Count - 1));
        }

        Assert.Equal(2, chunks);
    }

    [Fact]
    public void AllChanged_IsRetiredByTheCommitAfter_AndLeavesNoBitBehind()
    {
        var (world, owner, entities) = Setup(150);
        Query changed = world.Query().Changed<Position>().Build();
        Query all = world.Query().All<Position>().Build();

        // Marks after MarkAllChanged in the same tick, and marks before it, must not outlive the flag.
        Tick(world, () =>
        {
            foreach (QueryChunk chunk in all.Chunks())
            {
                ColumnWriter<Position> writer = chunk.Write<Position>(owner);
                writer.CarryAll();
                if (chunk.Entities[0] == entities[0])
                {
                    writer.MarkAllChanged();
                    writer.MarkChanged(5);
                    writer.MarkChangedWord(1, ulong.MaxValue);
                    writer.MarkChangedRange(10, 20);
                }
                else
                {
                    writer.MarkChanged(3);
                    writer.MarkAllChanged();
                }
            }
        });
        Assert.Equal(150, changed.Count());

        Tick(world, () => { });
        Assert.Equal(0, changed.Count());

        // The two changed bitsets of a chunk alternate: marking a row of each chunk in two ticks in a row brings the
        // bitset that carried the flag back as the next set; the rows marked then must be the only changed rows.
        Tick(world, () => owner.Set(entities[7], new Position(-7, -7)));
        Assert.Equal(new[] { entities[7] }, ChangedEntities(changed));

        Tick(world, () =>
        {
            owner.Set(entities[8], new Position(-8, -8));
            owner.Set(entities[120], new Position(-1, -1));
        });
        Assert.Equal(new[] { entities[8], entities[120] }, ChangedEntities(changed));

        Tick(world, () => { });
        Tick(world, () => { });
        Assert.Equal(0, changed.Count());
        Assert.DoesNotContain(entities, e => world.IsChanged<Position>(e));
    }

    [Fact]
    public void MarkChangedWords_WithEveryLiveRowSet_IsTheFlag_AndWithOneRowMissing_IsThoseBits()
    {
        var (world, owner, entities) = Setup(150);
        Query changed = world.Query().Changed<Position>().Build();
        Query all = world.Query().All<Position>().Build();
        var missing = new HashSet<Entity>();
        Tick(world, () =>
        {
            foreach (QueryChunk chunk in all.Chunks())
            {
                ColumnWriter<Position> writer = chunk.Write<Position>(owner);
                writer.CarryAll();
                ulong[] words = new ulong[(chunk.Count + 63) / 64];
                System.Array.Fill(words, ulong.MaxValue); // bits past Count are ignored
                if (chunk.Entities[0] != entities[0])
                {
                    words[0] &= ~(1UL << 3);
                    missing.Add(chunk.Entities[3]);
                }

                writer.MarkChangedWords(words);
                writer.MarkChanged(5); // after the flag: already changed, leaves no bit behind
            }
        });
        AssertChanged(world, changed, entities.Where(e => !missing.Contains(e)).ToHashSet());

        // The flagged bitset comes back as a next set two commits later: only the rows marked then may be changed.
        Tick(world, () => owner.Set(entities[7], new Position(-7, -7)));
        Tick(world, () => owner.Set(entities[8], new Position(-8, -8)));
        AssertChanged(world, changed, new HashSet<Entity> { entities[8] });
    }

    [Fact]
    public void StructuralChanges_OnAFlaggedChunk_KeepEveryRowsOwnChangedMark()
    {
        var (world, owner, entities) = Setup(150);
        Query changed = world.Query().Changed<Position>().Build();
        Query all = world.Query().All<Position>().Build();
        Entity outsider = world.Create(new Position(0, 0), new Velocity(1, 1));
        Tick(world, () => { });

        // Both {Position} chunks get the flag; the outsider's {Position, Velocity} chunk no mark.
        Tick(world, () => Marks(owner, all, e => e != outsider));
        var expected = entities.ToHashSet();
        AssertChanged(world, changed, expected);

        // An unchanged row moves into a flagged chunk (the second {Position} chunk): it must not count as changed.
        world.Remove<Velocity>(outsider);
        AssertChanged(world, changed, expected);

        // The outsider is now the archetype's last row: destroying a row of the flagged first chunk moves it into the hole.
        world.Destroy(entities[10]);
        expected.Remove(entities[10]);
        AssertChanged(world, changed, expected);
        Assert.False(world.IsChanged<Position>(outsider));

        // A created row joins (changed by its create); a changed last row fills a hole of a flagged chunk.
        Entity created = world.Create(new Position(9, 9));
        expected.Add(created);
        world.Destroy(entities[0]);
        expected.Remove(entities[0]);
        AssertChanged(world, changed, expected);

        // Moving a changed row out (Add) keeps its mark in the new archetype; setup writes mark rows changed.
        world.Add(entities[50], new Velocity(2, 2));
        Assert.True(world.IsChanged<Position>(entities[50]));
        world.Set(entities[60], new Position(6, 6));
        world.Set(outsider, new Position(7, 7));
        expected.Add(outsider);
        AssertChanged(world, changed, expected);

        // Every chunk flagged, then the last row of a flagged last chunk removed and a changed row moved back in.
        Tick(world, () => { });
        Tick(world, () => MarkAll(owner, all));
        expected = AllEntities(all).ToHashSet();
        AssertChanged(world, changed, expected);
        world.Destroy(created);
        expected.Remove(created);
        world.Remove<Velocity>(entities[50]);
        AssertChanged(world, changed, expected);

        // After the flagged sets are retired nothing stays changed.
        Tick(world, () => { });
        Assert.Equal(0, changed.Count());
        AssertChanged(world, changed, new HashSet<Entity>());
    }

    private static (World World, OwnerToken Owner, List<Entity> Entities) Setup(int count)
    {
        var world = new World(new WorldOptions { ChunkCapacity = Capacity });
        OwnerToken owner = world.CreateOwner("Writer").Own<Position>();
        var entities = new List<Entity>();
        for (int i = 0; i < count; i++)
        {
            entities.Add(world.Create(new Position(i, -i)));
        }

        Tick(world, () => { }); // the creates' changed marks are visible in this tick only
        Tick(world, () => { });
        return (world, owner, entities);
    }

    private static void Tick(World world, System.Action body)
    {
        world.BeginTick();
        body();
        world.EndTick();
        Assert.Empty(world.Report.DoubleWrites); // (single-row writes leave coverage gaps, carried: allowed here)
    }

    /// <summary>Per chunk: carry every row and mark them all changed.</summary>
    private static void MarkAll(OwnerToken owner, Query query) => Marks(owner, query, _ => true);

    /// <summary>Per chunk: carry every row, then MarkAllChanged when <paramref name="all"/> holds for every row of the chunk, else mark those rows one by one.</summary>
    private static void Marks(OwnerToken owner, Query query, System.Func<Entity, bool> all)
    {
        foreach (QueryChunk chunk in query.Chunks())
        {
            ColumnWriter<Position> writer = chunk.Write<Position>(owner);
            writer.CarryAll();
            if (chunk.Entities.ToArray().All(all))
            {
                writer.MarkAllChanged();
                continue;
            }

            for (int row = 0; row < chunk.Count; row++)
            {
                if (all(chunk.Entities[row]))
                {
                    writer.MarkChanged(row);
                }
            }
        }
    }

    private static List<Entity> AllEntities(Query query)
    {
        var entities = new List<Entity>();
        foreach (EntityRow row in query.Rows())
        {
            entities.Add(row.Entity);
        }

        return entities;
    }

    private static Entity[] ChangedEntities(Query changed) => AllEntities(changed).ToArray();

    private static void AssertChanged(World world, Query changed, HashSet<Entity> expected)
    {
        var actual = ChangedEntities(changed).ToHashSet();
        Assert.True(expected.SetEquals(actual), $"changed rows differ: {string.Join(", ", actual.Except(expected))} extra, {string.Join(", ", expected.Except(actual))} missing");
        Assert.Equal(expected.Count, changed.Count());
        foreach (Entity e in AllEntities(world.Query().All<Position>().Build()))
        {
            Assert.True(expected.Contains(e) == world.IsChanged<Position>(e), $"{e}: IsChanged should be {expected.Contains(e)}");
        }
    }
}
