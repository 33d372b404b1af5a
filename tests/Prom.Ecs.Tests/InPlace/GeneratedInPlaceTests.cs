using System;
using System.Collections.Generic;
using Prom.Generated;
using Xunit;

namespace Prom.Ecs.Tests.InPlace;

/// <summary>
/// The generated per-entity runners update their components in place when no other system of the plan reads them.
/// Two worlds get the same random entities, structural churn and Spot writes between ticks; one scheduler updates
/// in place, the other double-buffers: after every tick values, changed marks and coverage reports must be identical,
/// and Hp and Duo must match a naive model. Chunk capacities of 16 and 64 give partial 64-row words; the population of
/// 1,500 in one 4096-row chunk gives several of the runner's 512-row runs per chunk.
/// </summary>
public class GeneratedInPlaceTests
{
    [Theory]
    [InlineData(1, 16, 300)]
    [InlineData(2, 64, 300)]
    [InlineData(3, 4096, 300)]
    [InlineData(4, 4096, 1500)]
    public void InPlaceAndDoubleBufferedRunners_GiveTheSameValuesAndChangedMarks(int seed, int chunkCapacity, int population)
    {
        var inPlace = new World(new WorldOptions { ChunkCapacity = chunkCapacity });
        var doubled = new World(new WorldOptions { ChunkCapacity = chunkCapacity });
        using Scheduler a = PromSystems.CreateScheduler(inPlace, new SchedulerOptions { MaxDegreeOfParallelism = 1 });
        using Scheduler b = PromSystems.CreateScheduler(doubled, new SchedulerOptions { MaxDegreeOfParallelism = 1, UpdateInPlace = false });
        Assert.True(inPlace.IsUpdatedInPlace<Hp>());
        Assert.True(inPlace.IsUpdatedInPlace<Trio>());
        Assert.False(doubled.IsUpdatedInPlace<Hp>());
        Assert.False(doubled.IsUpdatedInPlace<Trio>());
        Assert.True(inPlace.IsUpdatedInPlace<Duo>());
        Assert.False(doubled.IsUpdatedInPlace<Duo>());

        var random = new Random(seed);
        var live = new List<Entity>();
        var hp = new Dictionary<Entity, int>();
        var duo = new Dictionary<Entity, Duo>();
        int changedHp = 0;
        int changedTrio = 0;
        int changedDuo = 0;
        int unchangedDuo = 0;
        for (int tick = 0; tick < 120; tick++)
        {
            Churn(random, inPlace, doubled, live, hp, duo, population);
            a.Tick(0.016f);
            b.Tick(0.016f);
            foreach (Entity e in live)
            {
                Speed v = doubled.Get<Speed>(e);
                bool moves = v.X > 0;
                if (moves)
                {
                    hp[e] += (int)v.X;
                }

                Assert.Equal(hp[e], inPlace.Get<Hp>(e).Value);
                Assert.Equal(doubled.Get<Hp>(e), inPlace.Get<Hp>(e));
                Assert.Equal(doubled.IsChanged<Hp>(e), inPlace.IsChanged<Hp>(e));
                Assert.Equal(doubled.Has<Trio>(e), inPlace.Has<Trio>(e));
                if (doubled.Has<Trio>(e))
                {
                    Assert.Equal(doubled.Get<Trio>(e), inPlace.Get<Trio>(e));
                    Assert.Equal(doubled.IsChanged<Trio>(e), inPlace.IsChanged<Trio>(e));
                    changedTrio += inPlace.IsChanged<Trio>(e) ? 1 : 0;
                }

                Assert.Equal(moves, inPlace.IsChanged<Hp>(e));
                changedHp += moves ? 1 : 0;

                Assert.Equal(doubled.Has<Duo>(e), inPlace.Has<Duo>(e));
                if (duo.TryGetValue(e, out Duo expected))
                {
                    Duo before = expected;
                    if (e.Index % 3 == 0)
                    {
                        expected.D += 0.5;
                    }

                    if (v.X > 1)
                    {
                        expected.S++;
                    }

                    duo[e] = expected;
                    bool changes = !before.Equals(expected);
                    Assert.Equal(expected, inPlace.Get<Duo>(e));
                    Assert.Equal(expected, doubled.Get<Duo>(e));
                    Assert.Equal(changes, inPlace.IsChanged<Duo>(e));
                    Assert.Equal(changes, doubled.IsChanged<Duo>(e));
                    changedDuo += changes ? 1 : 0;
                    unchangedDuo += changes ? 0 : 1;
                }
            }

            Assert.Equal(doubled.Report.CarriedRows, inPlace.Report.CarriedRows);
            Assert.Equal(doubled.Report.CoverageGaps.Count, inPlace.Report.CoverageGaps.Count);
        }

        Assert.True(changedHp > 1000, $"only {changedHp} changed Hp rows were checked");
        Assert.True(changedTrio > 100, $"only {changedTrio} changed Trio rows were checked");
        Assert.True(changedDuo > 1000 && unchangedDuo > 1000, $"only {changedDuo} changed and {unchangedDuo} unchanged Duo rows were checked");
    }

    [Fact]
    public void AComponentAnotherSystemReads_StaysDoubleBuffered()
    {
        var world = new World();
        SchedulePlan plan = new(
            new[]
            {
                new SystemPlan("StepHp", "update", new[] { "Prom.Ecs.Tests.InPlace.Hp" }, new[] { "Prom.Ecs.Tests.InPlace.Speed" }, Array.Empty<string>(), Array.Empty<string>()),
                new SystemPlan("Reader", "update", new[] { "Prom.Ecs.Tests.InPlace.Spot" }, new[] { "Prom.Ecs.Tests.InPlace.Hp" }, Array.Empty<string>(), Array.Empty<string>()),
            },
            new[] { new StagePlan("update", false, new[] { new[] { 0, 1 } }) },
            Array.Empty<ScheduleEdge>());
        using var scheduler = new Scheduler(world, plan, new[]
        {
            new SystemRegistration("StepHp", static context => new StepHp__PromRunner(context)),
            new SystemRegistration("Reader", static context => new Systems.TestRunner(context)),
        });

        Assert.False(world.IsUpdatedInPlace<Hp>());
    }

    private static void Churn(Random random, World a, World b, List<Entity> live, Dictionary<Entity, int> hp, Dictionary<Entity, Duo> duo, int population)
    {
        int creates = live.Count < population ? random.Next(population / 15, population / 4) : random.Next(0, 10);
        for (int i = 0; i < creates; i++)
        {
            var h = new Hp { Value = random.Next(100) };
            var v = new Speed { X = random.Next(-1, 3) };
            var p = new Spot { X = random.Next(3), Y = random.Next(3) };
            var m = new Trio { D = random.Next(3), B = (byte)random.Next(3), S = (short)random.Next(3) };
            Entity e = a.Create(h, v, p);
            Assert.Equal(e, b.Create(h, v, p));
            if (random.Next(3) != 0)
            {
                a.Add(e, m);
                b.Add(e, m);
            }

            if (random.Next(4) != 0)
            {
                var d = new Duo { D = random.Next(3), S = (short)random.Next(3) };
                a.Add(e, d);
                b.Add(e, d);
                duo[e] = d;
            }

            live.Add(e);
            hp[e] = h.Value;
        }

        int destroys = random.Next(0, 12);
        for (int i = 0; i < destroys && live.Count > 0; i++)
        {
            int at = random.Next(live.Count);
            a.Destroy(live[at]);
            b.Destroy(live[at]);
            hp.Remove(live[at]);
            duo.Remove(live[at]);
            live[at] = live[^1];
            live.RemoveAt(live.Count - 1);
        }

        int moves = random.Next(0, 30);
        for (int i = 0; i < moves && live.Count > 0; i++)
        {
            Entity e = live[random.Next(live.Count)];
            var p = new Spot { X = random.Next(3), Y = random.Next(3) };
            a.Set(e, p);
            b.Set(e, p);
        }
    }
}
