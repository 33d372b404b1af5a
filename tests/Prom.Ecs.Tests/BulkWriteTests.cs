using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// A per-chunk write covers a chunk with one flag instead of a bit per row; these check that mixing it with row
/// writes still reports double writes and that the flag does not leak into the next tick.
/// </summary>
public class BulkWriteTests
{
    private static (World World, OwnerToken Owner, Query Query, Entity[] Entities) Setup(int count)
    {
        var world = new World();
        var entities = new Entity[count];
        for (int i = 0; i < count; i++)
        {
            entities[i] = world.Create(new Position(i, -i));
        }

        OwnerToken owner = world.CreateOwner("Movement").Own<Position>();
        return (world, owner, world.Query().All<Position>().Build(), entities);
    }

    [Fact]
    public void RowWriteAfterAPerChunkWrite_IsReportedAsADoubleWrite()
    {
        (World world, OwnerToken owner, Query query, Entity[] entities) = Setup(3);
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            chunk.Write<Position>(owner).CarryAll();
        }

        owner.Set(entities[1], new Position(10, 10));
        world.EndTick();

        DoubleWrite write = Assert.Single(world.Report.DoubleWrites);
        Assert.Equal(entities[1], write.Entity);
        Assert.Equal("Set", write.Operation);
        Assert.Equal(new Position(10, 10), world.Get<Position>(entities[1]));
        Assert.Equal(new Position(2, -2), world.Get<Position>(entities[2]));
        Assert.Empty(world.Report.CoverageGaps);
    }

    [Fact]
    public void PerChunkWriteAfterARowWrite_ReportsTheFirstRowWrittenTwice()
    {
        (World world, OwnerToken owner, Query query, Entity[] entities) = Setup(4);
        world.BeginTick();
        owner.Set(entities[2], new Position(20, 20));
        foreach (QueryChunk chunk in query.Chunks())
        {
            chunk.Write<Position>(owner).CarryAll();
        }

        world.EndTick();

        DoubleWrite write = Assert.Single(world.Report.DoubleWrites);
        Assert.Equal(entities[2], write.Entity);
        Assert.Equal("Write", write.Operation);
        Assert.Empty(world.Report.CoverageGaps);
        Assert.Equal(0, world.Report.CarriedRows);
    }

    [Fact]
    public void TwoPerChunkWritesOfOneChunk_AreReported()
    {
        (World world, OwnerToken owner, Query query, Entity[] entities) = Setup(2);
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            chunk.Write<Position>(owner).CarryAll();
            chunk.Write<Position>(owner).CarryAll();
        }

        world.EndTick();

        Assert.Equal(entities[0], Assert.Single(world.Report.DoubleWrites).Entity);
    }

    [Fact]
    public void APerChunkWrite_DoesNotCoverTheNextTick()
    {
        (World world, OwnerToken owner, Query query, Entity[] entities) = Setup(3);
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            chunk.Write<Position>(owner).CarryAll();
        }

        world.EndTick();

        // Next tick: only a row write. The other rows are a coverage gap again (carried), and nothing is a double write.
        world.BeginTick();
        owner.Set(entities[0], new Position(5, 5));
        world.EndTick();

        Assert.Empty(world.Report.DoubleWrites);
        CoverageGap gap = Assert.Single(world.Report.CoverageGaps);
        Assert.Equal(2, gap.UncoveredRows);
        Assert.Equal(entities[1], gap.FirstUncovered);
        Assert.Equal(new Position(5, 5), world.Get<Position>(entities[0]));
        Assert.Equal(new Position(1, -1), world.Get<Position>(entities[1]));

        // And a tick after that: row writes everywhere, no stale bits from before.
        world.BeginTick();
        foreach (Entity e in entities)
        {
            owner.Carry<Position>(e);
        }

        world.EndTick();
        Assert.Empty(world.Report.DoubleWrites);
        Assert.Empty(world.Report.CoverageGaps);
    }

    [Fact]
    public unsafe void ChunksOfABlock_HaveEachColumnBackToBack_AndColumnsDoNotShareAPageOffset()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        for (int i = 0; i < 64 * 8; i++)
        {
            world.Create(new Position(i, i), new Velocity(1, 1));
        }

        Archetype archetype = world.Archetypes[^1];
        Assert.Equal(8, archetype.UsedChunks);

        // Blocks grow 1, 1, 2, 4: chunks 4..7 share a block, where column j of chunk i + 1 directly follows chunk i's.
        long columnBytes = 64 * sizeof(float);
        for (int i = 4; i < 7; i++)
        {
            Chunk chunk = archetype.ChunkAt(i);
            Chunk next = archetype.ChunkAt(i + 1);
            for (int j = 0; j < archetype.LeafSizes.Length; j++)
            {
                Assert.Equal(chunk.PrevAddress(j) + columnBytes, next.PrevAddress(j));
                Assert.Equal(chunk.NextAddress(j) + columnBytes, next.NextAddress(j));
            }
        }

        var pageOffsets = new System.Collections.Generic.HashSet<long>();
        Chunk first = archetype.ChunkAt(4);
        for (int j = 0; j < archetype.LeafSizes.Length; j++)
        {
            Assert.Equal(0, first.PrevAddress(j) % 64);
            Assert.Equal(0, first.NextAddress(j) % 64);
            Assert.True(pageOffsets.Add(first.PrevAddress(j) % 4096));
            Assert.True(pageOffsets.Add(first.NextAddress(j) % 4096));
        }
    }

    [Fact]
    public unsafe void ChunkHeadersOfABlock_AreBackToBack_AndTheirBitsetsLieApart()
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        for (int i = 0; i < 64 * 8; i++)
        {
            world.Create(new Position(i, i), new Velocity(1, 1));
        }

        // A chunk visit reads the header (column pointers, flags); consecutive chunks of a block must have adjacent
        // headers so that a query walking them reads one forward stream, with the larger row bitsets elsewhere.
        Archetype archetype = world.Archetypes[^1];
        long headerBytes = Chunk.HeaderBytes(archetype);
        Assert.Equal(0, headerBytes % 64);
        for (int i = 4; i < 7; i++)
        {
            Chunk chunk = archetype.ChunkAt(i);
            Chunk next = archetype.ChunkAt(i + 1);
            Assert.Equal((long)chunk.PrevColumns + headerBytes, (long)next.PrevColumns);
            Assert.Equal((long)chunk.Bits + Chunk.BitsetBytes(archetype, 64), (long)next.Bits);
            Assert.True((long)chunk.Bits >= (long)archetype.ChunkAt(7).PrevColumns + headerBytes, "bitsets follow every header of the block");
        }
    }
}
