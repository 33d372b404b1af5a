using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// Several systems record creates (and destroys) into their own command buffers on their own threads in the same
/// tick: handles, playback order and the resulting storage must not depend on which thread ran first.
/// </summary>
public class CommandBufferDeterminismTests
{
    private const int Buffers = 4;
    private const int Ticks = 12;

    private enum Schedule
    {
        Parallel,
        Forward,
        Backward,
    }

    /// <summary>Runs the simulation and returns every entity's handle and values in storage (chunk) order.</summary>
    private static string Run(Schedule schedule, int seed)
    {
        var world = new World(new WorldOptions { ChunkCapacity = 32 });
        var buffers = new CommandBuffer[Buffers];
        for (int b = 0; b < Buffers; b++)
        {
            buffers[b] = world.CreateCommandBuffer("system" + b);
            buffers[b].ReserveCreates(8);
        }

        var mine = new List<Entity>[Buffers];
        for (int b = 0; b < Buffers; b++)
        {
            mine[b] = new List<Entity>();
        }

        var jitter = new Random(seed);
        using var start = new Barrier(Buffers);
        for (int tick = 0; tick < Ticks; tick++)
        {
            world.BeginTick();
            int t = tick;
            int[] spins = new int[Buffers];
            for (int b = 0; b < Buffers; b++)
            {
                spins[b] = jitter.Next(0, 2000);
            }

            void System(int b)
            {
                // The demand grows every tick (the pool follows it) and exceeds the minimum of 8 from the second tick on.
                List<Entity> list = mine[b];
                for (int i = 0; i < list.Count; i += 3)
                {
                    buffers[b].Destroy(list[i]);
                }

                list.RemoveAll(e => list.IndexOf(e) % 3 == 0);
                for (int i = 0; i < 4 + t; i++)
                {
                    Entity e = buffers[b].Create();
                    buffers[b].Add(e, new Position(b, (t * 100) + i));
                    list.Add(e);
                    Thread.SpinWait(spins[b] / 100);
                }
            }

            switch (schedule)
            {
                case Schedule.Parallel:
                    var tasks = new Task[Buffers];
                    for (int b = 0; b < Buffers; b++)
                    {
                        int index = b;
                        tasks[b] = Task.Factory.StartNew(
                            () =>
                            {
                                start.SignalAndWait(TimeSpan.FromSeconds(10));
                                Thread.SpinWait(spins[index]);
                                System(index);
                            },
                            CancellationToken.None,
                            TaskCreationOptions.LongRunning,
                            TaskScheduler.Default);
                    }

                    Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(30)));
                    break;
                case Schedule.Forward:
                    for (int b = 0; b < Buffers; b++)
                    {
                        System(b);
                    }

                    break;
                default:
                    for (int b = Buffers - 1; b >= 0; b--)
                    {
                        System(b);
                    }

                    break;
            }

            world.EndTick();
        }

        var state = new StringBuilder();
        foreach (var (entity, _, position) in world.Query().All<Position>().Build().Tuples<Position>())
        {
            state.Append(entity).Append('=').Append(position.X).Append(',').Append(position.Y).Append(';');
        }

        return state.ToString();
    }

    [Fact]
    public void CreatesFromParallelSystems_GiveTheSameHandlesAndStorage_AsAnySequentialOrder()
    {
        string forward = Run(Schedule.Forward, seed: 1);
        Assert.Contains("v2", forward, StringComparison.Ordinal); // destroyed indices were reused by later creates
        Assert.Equal(forward, Run(Schedule.Backward, seed: 1));
        for (int run = 0; run < 20; run++)
        {
            Assert.Equal(forward, Run(Schedule.Parallel, seed: run));
        }
    }

    [Fact]
    public void BuffersPlayBackByTheirKey_ThenByCreation_WhateverOrderTheyWereCreatedIn()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        CommandBuffer late = world.CreateCommandBuffer("late", playbackOrder: 2);
        CommandBuffer early = world.CreateCommandBuffer("early", playbackOrder: 1);
        CommandBuffer alsoLate = world.CreateCommandBuffer("alsoLate", playbackOrder: 2);
        world.BeginTick();
        alsoLate.Add(e, new Health(3));
        late.Add(e, new Health(2));
        early.Add(e, new Health(1));
        early.Destroy(e);
        world.EndTick();

        // early destroys first; late and alsoLate (in that creation order) are then skipped, in that order.
        Assert.False(world.IsAlive(e));
        Assert.Equal(new[] { "late", "alsoLate" }, new[] { world.Report.SkippedCommands[0].Buffer, world.Report.SkippedCommands[1].Buffer });
    }

    [Fact]
    public void PooledHandles_AreReservedNotAlive_AndCreateStillReturnsDistinctHandlesBeyondThePool()
    {
        var world = new World();
        CommandBuffer commands = world.CreateCommandBuffer("spawner");
        commands.ReserveCreates(2);
        world.BeginTick();
        var created = new HashSet<Entity>();
        for (int i = 0; i < 5; i++)
        {
            Entity e = commands.Create();
            Assert.False(world.IsAlive(e));
            Assert.True(created.Add(e));
        }

        world.EndTick();
        foreach (Entity e in created)
        {
            Assert.True(world.IsAlive(e));
        }

        Assert.Equal(5, world.EntityCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => commands.ReserveCreates(-1));
    }
}
