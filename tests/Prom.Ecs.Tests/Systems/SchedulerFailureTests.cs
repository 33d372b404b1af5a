using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Ecs.Tests.Components;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class SchedulerFailureTests
{
    private sealed record Note(string Text);

    [Fact]
    public async Task FailingSystem_SurfacesAsSystemFailedException_NamingIt_WithTheInnerException()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("Broken") }, new[] { 0 }), Runners(new[] { "Broken" }, runners));
        var boom = new InvalidOperationException("boom");
        runners["Broken"].RunSync = () => throw boom;

        SystemFailedException error = await Assert.ThrowsAsync<SystemFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.Equal("Broken", error.SystemName);
        Assert.Same(boom, error.InnerException);
        Assert.Equal("System 'Broken' failed in tick 0: boom", error.Message);
        Assert.Equal(1, runners["Broken"].Cleanups); // Cleanup runs also when RunAsync threw
    }

    [Fact]
    public async Task TwoFailuresInOneBatch_AreAggregated_InPlanOrder()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A"), Sys("B"), Sys("C") }, new[] { 0, 1, 2 }), Runners(new[] { "A", "B", "C" }, runners));
        runners["A"].RunSync = () => throw new InvalidOperationException("a");
        runners["C"].RunBody = async _ =>
        {
            await Task.Yield();
            throw new ArgumentException("c");
        };

        SystemFailedException error = await Assert.ThrowsAsync<SystemFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.Equal(new[] { "A", "C" }, error.Failures.Select(f => f.SystemName));
        var inner = Assert.IsType<AggregateException>(error.InnerException);
        Assert.Equal(2, inner.InnerExceptions.Count);
        Assert.StartsWith("Systems 'A', 'C' failed in tick 0", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, runners["B"].Runs);
    }

    [Fact]
    public async Task Failure_SkipsLaterBatches_CommitsWhatCompleted_RunsTheirEffects_AndTheNextTickRuns()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0), new Health(10));
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(
            new[] { Sys("Move", owns: new[] { "Position" }), Sys("Broken", owns: new[] { "Health" }), Sys("Later") },
            new[] { 0, 1 }, new[] { 2 });
        using var scheduler = new Scheduler(world, plan, Runners(new[] { "Move", "Broken", "Later" }, runners));
        OwnerToken move = runners["Move"].Context.Owner.Own<Position>();
        OwnerToken broken = runners["Broken"].Context.Owner.Own<Health>();
        var handled = new List<string>();
        scheduler.Effects.Handle<Note>(note => handled.Add(note.Text));
        EffectWriter<Note> moveNotes = runners["Move"].Context.Effects<Note>();
        EffectWriter<Note> brokenNotes = runners["Broken"].Context.Effects<Note>();
        bool fail = true;
        runners["Move"].RunSync = () =>
        {
            move.Set(e, new Position(world.Get<Position>(e).X + 1, 0));
            moveNotes.Add(new Note("moved"));
        };
        runners["Broken"].RunSync = () =>
        {
            broken.Set(e, new Health(world.Get<Health>(e).Value - 1));
            brokenNotes.Add(new Note("hurt"));
            if (fail)
            {
                throw new InvalidOperationException("broken");
            }
        };

        await Assert.ThrowsAsync<SystemFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.False(world.IsInTick);                          // the tick was committed
        Assert.Equal(1f, world.Get<Position>(e).X);             // Move completed: committed
        Assert.Equal(9, world.Get<Health>(e).Value);            // Broken's row write before the throw is committed too
        Assert.Equal(0, runners["Later"].Runs);                 // later batches skipped
        Assert.Equal(new[] { "moved" }, handled);               // completed systems' effects ran; the failed one's were dropped

        fail = false;
        await scheduler.TickAsync(0.1f);
        Assert.Equal(2f, world.Get<Position>(e).X);
        Assert.Equal(1, runners["Later"].Runs);
        Assert.Equal(new[] { "moved", "moved", "hurt" }, handled);
    }

    [Fact]
    public async Task ShouldRunAndCleanupFailures_AreSystemFailures_Too()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A"), Sys("B") }, new[] { 0, 1 }), Runners(new[] { "A", "B" }, runners));
        runners["A"].ShouldRunBody = () => throw new InvalidOperationException("should");
        runners["B"].CleanupBody = () => throw new InvalidOperationException("cleanup");

        SystemFailedException error = await Assert.ThrowsAsync<SystemFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.Equal(new[] { "should", "cleanup" }, error.Failures.Select(f => f.Exception.Message));
        Assert.Equal(0, runners["A"].Runs);
    }

    [Fact]
    public async Task Cancellation_SkipsRemainingBatches_CommitsAndThrowsOperationCanceled_EffectsRunAfterTheNextTick()
    {
        var world = new World();
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(world, Update(new[] { Sys("First"), Sys("Second") }, new[] { 0 }, new[] { 1 }), Runners(new[] { "First", "Second" }, runners));
        using var cancel = new CancellationTokenSource();
        var handled = new List<string>();
        scheduler.Effects.Handle<Note>(note => handled.Add(note.Text));
        EffectWriter<Note> notes = runners["First"].Context.Effects<Note>();
        runners["First"].RunSync = () =>
        {
            notes.Add(new Note("first " + world.Tick));
            cancel.Cancel();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await scheduler.TickAsync(0.1f, cancel.Token));

        Assert.False(world.IsInTick);
        Assert.Equal(1, world.Tick);
        Assert.Equal(0, runners["Second"].Runs);
        Assert.Empty(handled);                                   // kept, not dropped

        runners["First"].RunSync = () => notes.Add(new Note("first " + world.Tick));
        await scheduler.TickAsync(0.1f);
        Assert.Equal(new[] { "first 0", "first 1" }, handled);
    }

    [Fact]
    public async Task StrictCoverageError_IsThrownAfterTheCommit()
    {
        var world = new World(new WorldOptions { Coverage = CoverageMode.Strict });
        Entity a = world.Create(new Position(1, 1));
        world.Create(new Position(2, 2));
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(world, Update(new[] { Sys("Half", owns: new[] { "Position" }) }, new[] { 0 }), Runners(new[] { "Half" }, runners));
        OwnerToken owner = runners["Half"].Context.Owner.Own<Position>();
        runners["Half"].RunSync = () => owner.Set(a, new Position(5, 5));

        await Assert.ThrowsAsync<CoverageException>(async () => await scheduler.TickAsync(0.1f));

        Assert.False(world.IsInTick);
        Assert.Equal(5f, world.Get<Position>(a).X);
        await Assert.ThrowsAsync<CoverageException>(async () => await scheduler.TickAsync(0.1f)); // the scheduler is usable again
    }
}
