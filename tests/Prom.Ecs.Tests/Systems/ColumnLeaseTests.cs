using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Ecs.Tests.Components;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class ColumnLeaseTests
{
    /// <summary>Two archetypes with Position (one also with Velocity), several chunks each, the last ones partial.</summary>
    private static (World World, OwnerToken Owner, List<Entity> Entities) Populate(int chunkCapacity = 256, int moving = 2000, int still = 300)
    {
        var world = new World(new WorldOptions { ChunkCapacity = chunkCapacity });
        var entities = new List<Entity>();
        for (int i = 0; i < moving; i++)
        {
            entities.Add(world.Create(new Position(i * 0.37f, -i * 1.25f), new Velocity(1, 2)));
        }

        for (int i = 0; i < still; i++)
        {
            entities.Add(world.Create(new Position(-i, i * 3.5f)));
        }

        OwnerToken owner = world.CreateOwner("Integrate").Own<Position>();
        return (world, owner, entities);
    }

    /// <summary>The job: a function of prev only; marks every third row (chunk-local) changed.</summary>
    private static void Job(ColumnWriter<Position> columns, int start, int count)
    {
        ReadOnlySpan<float> px = columns.Prev<float>(0);
        ReadOnlySpan<float> py = columns.Prev<float>(1);
        Span<float> nx = columns.Next<float>(0);
        Span<float> ny = columns.Next<float>(1);
        for (int row = start; row < start + count; row++)
        {
            nx[row] = (px[row] * 1.01f) + 0.5f;
            ny[row] = py[row] - (px[row] * 0.25f);
            if (row % 3 == 0)
            {
                columns.MarkChanged(row);
            }
        }
    }

    [Fact]
    public void Lease_CoversEveryRowOfEveryChunk_WithRowOffsetsInStorageOrder()
    {
        (World world, OwnerToken owner, List<Entity> entities) = Populate();
        world.BeginTick();
        using ColumnLease<Position> lease = world.LeaseColumns<Position>(owner);

        Assert.Equal(entities.Count, lease.Count);
        Assert.Equal(8 + 2, lease.ChunkCount); // 2000 rows in 8 chunks of 256, 300 in 2
        int expectedOffset = 0;
        for (int c = 0; c < lease.ChunkCount; c++)
        {
            Assert.Equal(expectedOffset, lease.RowOffset(c));
            expectedOffset += lease.Columns(c).Count;
        }

        Assert.Equal(entities.Count, expectedOffset);
        var queryOrder = new List<Entity>();
        foreach (QueryChunk chunk in world.Query().All<Position>().Build().Chunks())
        {
            queryOrder.AddRange(chunk.Entities.ToArray());
        }

        Assert.Equal(queryOrder, Enumerable.Range(0, lease.ChunkCount).SelectMany(c => lease.Columns(c).Entities.ToArray()));
        Assert.Equal(entities.OrderBy(e => e.Index), queryOrder.OrderBy(e => e.Index));
        for (int c = 0; c < lease.ChunkCount; c++)
        {
            lease.Columns(c).CarryAll();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Shards_AreDisjoint_CoverEveryRow_AndStartOn64RowBoundariesInTheirChunk(int count)
    {
        (World world, OwnerToken owner, _) = Populate();
        world.BeginTick();
        using ColumnLease<Position> lease = world.LeaseColumns<Position>(owner);

        LeaseShard[] shards = lease.Shards(count);

        Assert.Equal(count, shards.Length);
        int next = 0;
        foreach (LeaseShard shard in shards)
        {
            Assert.Equal(next, shard.Start);
            Assert.True(shard.Count >= 0);
            next += shard.Count;
            int chunk = Enumerable.Range(0, lease.ChunkCount).Last(c => lease.RowOffset(c) <= shard.Start);
            Assert.True(shard.Start == lease.Count || (shard.Start - lease.RowOffset(chunk)) % 64 == 0, $"shard {shard.Index} starts at {shard.Start}");
        }

        Assert.Equal(lease.Count, next);
        Assert.True(shards.Max(s => s.Count) <= (lease.Count / count) + 64);
    }

    [Fact]
    public async Task ShardedJob_OnTheThreadPool_IsBitIdenticalToASingleThreadedRun_ValuesAndChangedMarks()
    {
        (World single, OwnerToken singleOwner, List<Entity> singleEntities) = Populate();
        (World sharded, OwnerToken shardedOwner, List<Entity> shardedEntities) = Populate();

        for (int tick = 0; tick < 3; tick++)
        {
            single.BeginTick();
            using (ColumnLease<Position> lease = single.LeaseColumns<Position>(singleOwner))
            {
                lease.Run(lease.Shards(1)[0], Job);
            }

            single.EndTick();

            sharded.BeginTick();
            using (ColumnLease<Position> lease = sharded.LeaseColumns<Position>(shardedOwner))
            {
                await lease.RunShardsAsync(7, Job);
            }

            sharded.EndTick();
        }

        Assert.Equal(singleEntities, shardedEntities);
        for (int i = 0; i < singleEntities.Count; i++)
        {
            Position a = single.Get<Position>(singleEntities[i]);
            Position b = sharded.Get<Position>(shardedEntities[i]);
            Assert.Equal(BitConverter.SingleToInt32Bits(a.X), BitConverter.SingleToInt32Bits(b.X));
            Assert.Equal(BitConverter.SingleToInt32Bits(a.Y), BitConverter.SingleToInt32Bits(b.Y));
            Assert.Equal(single.IsChanged<Position>(singleEntities[i]), sharded.IsChanged<Position>(shardedEntities[i]));
        }

        Assert.Empty(sharded.Report.Gaps);
        Assert.Contains(shardedEntities, e => sharded.IsChanged<Position>(e));
        Assert.Contains(shardedEntities, e => !sharded.IsChanged<Position>(e));
    }

    [Fact]
    public void SecondLease_WhileOneIsLive_ThrowsNamingTheComponentAndTheHolder_AndWorksAfterDispose()
    {
        (World world, OwnerToken owner, _) = Populate(moving: 10, still: 0);
        world.BeginTick();
        ColumnLease<Position> first = world.LeaseColumns<Position>(owner);

        var error = Assert.Throws<InvalidOperationException>(() => world.LeaseColumns<Position>(owner));
        Assert.Equal("Position is already leased by 'Integrate': a component has one lease at a time; dispose the first lease before taking another.", error.Message);

        first.Dispose();
        Assert.False(first.IsActive);
        Assert.Throws<ObjectDisposedException>(() => first.Columns(0));
        first.Dispose(); // idempotent
        using ColumnLease<Position> second = world.LeaseColumns<Position>(owner);
        Assert.True(second.IsActive);
        first.Dispose(); // a stale handle never releases a later lease
        Assert.True(second.IsActive);
    }

    [Fact]
    public void NonOwner_IsRejected_NamingTheOwner()
    {
        (World world, _, _) = Populate(moving: 10, still: 0);
        OwnerToken other = world.CreateOwner("Physics");
        world.BeginTick();
        var error = Assert.Throws<OwnershipException>(() => world.LeaseColumns<Position>(other));
        Assert.Equal("'Physics' cannot lease Position: it is owned by 'Integrate'.", error.Message);
        var unowned = Assert.Throws<OwnershipException>(() => world.LeaseColumns<Velocity>(other));
        Assert.Equal("'Physics' cannot lease Velocity: it has no owner (call World.Own<Velocity>).", unowned.Message);
    }

    [Fact]
    public void LeaseOutsideATick_IsRejected()
    {
        (World world, OwnerToken owner, _) = Populate(moving: 10, still: 0);
        var error = Assert.Throws<InvalidOperationException>(() => world.LeaseColumns<Position>(owner));
        Assert.Contains("outside a tick", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherSystemsOfTheBatch_ReadPrev_WhileJobsWriteNext()
    {
        (World world, _, List<Entity> entities) = Populate(moving: 500, still: 0);
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(new[] { Sys("Jobs", owns: new[] { "Position" }), Sys("Watch", reads: new[] { "Position" }) }, new[] { 0, 1 });
        World fresh = new(new WorldOptions { ChunkCapacity = 256 });
        var positions = entities.Select(e => world.Get<Position>(e)).ToList();
        List<Entity> created = positions.Select(p => fresh.Create(p, new Velocity(1, 2))).ToList();
        using var scheduler = new Scheduler(fresh, plan, Runners(new[] { "Jobs", "Watch" }, runners), new SchedulerOptions { MaxDegreeOfParallelism = 2 });
        OwnerToken owner = runners["Jobs"].Context.Owner.Own<Position>();
        using var jobsWriting = new ManualResetEventSlim();
        using var watched = new ManualResetEventSlim();
        var seen = new List<float>();
        runners["Jobs"].RunBody = async ct =>
        {
            using ColumnLease<Position> lease = fresh.LeaseColumns<Position>(owner);
            await lease.RunShardsAsync(4, (columns, start, count) =>
            {
                Job(columns, start, count);
                jobsWriting.Set();
                watched.Wait(TimeSpan.FromSeconds(10));
            }, ct);
        };
        runners["Watch"].RunSync = () =>
        {
            Assert.True(jobsWriting.Wait(TimeSpan.FromSeconds(10)));
            seen.AddRange(created.Select(e => fresh.Get<Position>(e).X));
            watched.Set();
        };

        await scheduler.TickAsync(0.1f).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(positions.Select(p => p.X), seen);                                         // prev during the jobs
        Assert.Equal(positions.Select(p => (p.X * 1.01f) + 0.5f), created.Select(e => fresh.Get<Position>(e).X)); // next after the commit
    }

    [Fact]
    public async Task LeakedLease_FailsItsSystem_AndIsRevoked_BeforeTheCommit()
    {
        var world = new World();
        world.Create(new Position(1, 1));
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(world, Update(new[] { Sys("Leaky", owns: new[] { "Position" }) }, new[] { 0 }), Runners(new[] { "Leaky" }, runners));
        OwnerToken owner = runners["Leaky"].Context.Owner.Own<Position>();
        ColumnLease<Position>? leaked = null;
        runners["Leaky"].RunSync = () =>
        {
            leaked = world.LeaseColumns<Position>(owner);
            leaked.Columns(0).CarryAll();
        };

        SystemFailedException error = await Assert.ThrowsAsync<SystemFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.Equal("Leaky", error.SystemName);
        Assert.Contains("still held a lease of Position", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.False(leaked!.IsActive);
        runners["Leaky"].RunSync = () =>
        {
            using ColumnLease<Position> lease = world.LeaseColumns<Position>(owner);
            lease.Columns(0).CarryAll();
        };
        await scheduler.TickAsync(0.1f);
    }
}
