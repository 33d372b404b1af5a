using System;
using System.Collections.Generic;
using System.Linq;
using Prom.Ecs.Tests.Components;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

/// <summary>A small simulation with owners, command buffers, resources and effects, run in parallel many times.</summary>
public class DeterminismTests
{
    private readonly record struct SpawnRequest(float X);

    private readonly record struct Spawned(float X);

    private static readonly string[] s_names = { "Move", "Steer", "Damage", "Reaper", "Spawner" };

    private static SchedulePlan Plan() => Update(
        new[]
        {
            Sys("Move", owns: new[] { "Position" }, reads: new[] { "Velocity" }, resourceReads: new[] { "FrameTime" }),
            Sys("Steer", owns: new[] { "Velocity" }, reads: new[] { "Position" }),
            Sys("Damage", owns: new[] { "Health" }, reads: new[] { "Position" }),
            Sys("Reaper", reads: new[] { "Health" }),
            Sys("Spawner", resourceReads: new[] { "FrameTime" }),
        },
        new[] { 0, 1, 2, 3, 4 });

    /// <summary>Runs 25 ticks and returns every entity's handle and value bits in storage order.</summary>
    private static string Run(IEnumerable<string> registrationOrder, int maxDegreeOfParallelism)
    {
        var world = new World(new WorldOptions { ChunkCapacity = 64 });
        for (int i = 0; i < 600; i++)
        {
            world.Create(new Position(i % 37, i % 11), new Velocity((i % 5) - 2, (i % 3) - 1), new Health(20 + (i % 13)));
        }

        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(world, Plan(), Runners(registrationOrder, runners), new SchedulerOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism });
        OwnerToken move = runners["Move"].Context.Owner.Own<Position>();
        OwnerToken steer = runners["Steer"].Context.Owner.Own<Velocity>();
        OwnerToken damage = runners["Damage"].Context.Owner.Own<Health>();
        // One query per system, as generated runners have: a Query updates its archetype list lazily and is not
        // meant to be shared by systems running in parallel.
        Query moveQuery = world.Query().All<Position>().All<Velocity>().All<Health>().Build();
        Query steerQuery = world.Query().All<Position>().All<Velocity>().All<Health>().Build();
        Query damageQuery = world.Query().All<Position>().All<Velocity>().All<Health>().Build();
        Query healths = world.Query().All<Health>().Build();
        scheduler.Effects.Handle<SpawnRequest, Spawned>(request => new Spawned(request.X * 0.5f));
        EffectWriter<SpawnRequest> requests = runners["Reaper"].Context.Effects<SpawnRequest>();
        EventReader<Spawned> spawned = runners["Spawner"].Context.Events<Spawned>();

        runners["Move"].RunSync = () =>
        {
            float dt = world.Resource<FrameTime>().DeltaSeconds;
            foreach (var (_, row, p, v) in moveQuery.Tuples<Position, Velocity>())
            {
                move.Set(row, new Position(p.X + (v.X * dt), p.Y + (v.Y * dt)));
            }
        };
        runners["Steer"].RunSync = () =>
        {
            foreach (var (_, row, p, v) in steerQuery.Tuples<Position, Velocity>())
            {
                steer.SetIfChanged(row, p.X > 30 ? new Velocity(-MathF.Abs(v.X) - 0.1f, v.Y) : v);
            }
        };
        runners["Damage"].RunSync = () =>
        {
            foreach (var (_, row, p, h) in damageQuery.Tuples<Position, Health>())
            {
                damage.SetIfChanged(row, new Health(p.Y > 5 ? h.Value - 1 : h.Value));
            }
        };
        runners["Reaper"].RunSync = () =>
        {
            foreach (var (entity, _, h) in healths.Tuples<Health>())
            {
                if (h.Value <= 0)
                {
                    runners["Reaper"].Context.Commands.Destroy(entity);
                    requests.Add(new SpawnRequest(entity.Index));
                }
            }
        };
        runners["Spawner"].RunSync = () =>
        {
            foreach (Spawned s in spawned)
            {
                CommandBuffer commands = runners["Spawner"].Context.Commands;
                Entity e = commands.Create();
                commands.Add(e, new Position(s.X, 0));
                commands.Add(e, new Velocity(1, 0));
                commands.Add(e, new Health(15));
            }
        };

        for (int t = 0; t < 25; t++)
        {
            scheduler.Tick(0.25f);
        }

        var state = new System.Text.StringBuilder();
        foreach (var (entity, _, p, v) in moveQuery.Tuples<Position, Velocity>())
        {
            Health h = world.Get<Health>(entity);
            state.Append(entity).Append(':')
                .Append(BitConverter.SingleToInt32Bits(p.X)).Append(',').Append(BitConverter.SingleToInt32Bits(p.Y)).Append(',')
                .Append(BitConverter.SingleToInt32Bits(v.X)).Append(',').Append(BitConverter.SingleToInt32Bits(v.Y)).Append(',')
                .Append(h.Value).Append(world.IsChanged<Position>(entity) ? "c" : "").Append(';');
        }

        return state.ToString();
    }

    [Fact]
    public void FinalState_IsBitIdentical_Across100ParallelRuns_AndRegistrationOrders_AndSequentialExecution()
    {
        string reference = Run(s_names, maxDegreeOfParallelism: 1);
        Assert.Contains("v2", reference, StringComparison.Ordinal); // entities were destroyed and their indices reused

        var random = new Random(7);
        for (int run = 0; run < 100; run++)
        {
            string[] order = s_names.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(reference, Run(order, maxDegreeOfParallelism: 4));
        }
    }
}
