using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Ecs.Tests.Components;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class SchedulerTickTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EachSystem_RunsShouldRunPrepareRunCleanup_InOrder_AndBatchesInOrder()
    {
        var log = new ConcurrentQueue<string>();
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B") }, new[] { 0 }, new[] { 1 });
        using var scheduler = new Scheduler(new World(), plan, Runners(new[] { "A", "B" }, runners, log: log));

        await scheduler.TickAsync(0.1f);

        Assert.Equal(
            new[] { "A.ShouldRun", "A.Prepare", "A.Run", "A.Cleanup", "B.ShouldRun", "B.Prepare", "B.Run", "B.Cleanup" },
            log.ToArray());
        Assert.Equal(1, scheduler.Ticks);
    }

    [Fact]
    public async Task SystemsOfOneBatch_RunInParallel()
    {
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B") }, new[] { 0, 1 });
        using var scheduler = new Scheduler(new World(), plan, Runners(new[] { "A", "B" }, runners), new SchedulerOptions { MaxDegreeOfParallelism = 2 });

        // Each system waits until both are inside their run at the same time; sequential execution would time out.
        using var barrier = new Barrier(2);
        bool together = true;
        foreach (TestRunner runner in runners.Values)
        {
            runner.RunSync = () => together &= barrier.SignalAndWait(s_timeout);
        }

        await scheduler.TickAsync(0.1f).AsTask().WaitAsync(s_timeout);
        Assert.True(together);
        Assert.NotEqual(runners["A"].RunThreadId, runners["B"].RunThreadId);
    }

    [Fact]
    public void SingleSystemBatch_RunsInline_OnTheTickingThread()
    {
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B"), Sys("C") }, new[] { 0 }, new[] { 1, 2 });
        using var scheduler = new Scheduler(new World(), plan, Runners(new[] { "A", "B", "C" }, runners));
        runners["C"].ShouldRunBody = () => false;

        scheduler.Tick(0.1f);

        Assert.Equal(Environment.CurrentManagedThreadId, runners["A"].RunThreadId);
        Assert.Equal(Environment.CurrentManagedThreadId, runners["B"].RunThreadId); // C skipped: B alone, inline
        Assert.Equal(0, runners["C"].Runs);
    }

    [Fact]
    public void MaxDegreeOfParallelismOne_RunsEverySystemOnTheTickingThread_InPlanOrder()
    {
        var log = new ConcurrentQueue<string>();
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(new[] { Sys("A"), Sys("B"), Sys("C") }, new[] { 0, 1, 2 });
        using var scheduler = new Scheduler(new World(), plan, Runners(new[] { "A", "B", "C" }, runners, log: log), new SchedulerOptions { MaxDegreeOfParallelism = 1 });

        scheduler.Tick(0.1f);

        Assert.All(runners.Values, r => Assert.Equal(Environment.CurrentManagedThreadId, r.RunThreadId));
        Assert.Equal(new[] { "A.Run", "B.Run", "C.Run" }, log.Where(l => l.EndsWith(".Run", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void ShouldRunFalse_SkipsPrepareRunAndCleanup()
    {
        var log = new ConcurrentQueue<string>();
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A") }, new[] { 0 }), Runners(new[] { "A" }, runners, log: log));
        runners["A"].ShouldRunBody = () => false;

        scheduler.Tick(0.1f);

        Assert.Equal(new[] { "A.ShouldRun" }, log.ToArray());
    }

    [Fact]
    public async Task StartupStage_RunsOnce_InItsOwnTick_BeforeTheFirstRegularTick()
    {
        var world = new World();
        world.Register<Position>();
        var runners = new Dictionary<string, TestRunner>();
        var plan = new SchedulePlan(
            new[] { Sys("Spawn", stage: "startup"), Sys("Count") },
            new[] { new StagePlan("startup", true, new[] { new[] { 0 } }), new StagePlan("update", false, new[] { new[] { 1 } }) },
            Array.Empty<ScheduleEdge>());
        using var scheduler = new Scheduler(world, plan, Runners(new[] { "Spawn", "Count" }, runners));
        Query positions = world.Query().All<Position>().Build();
        var seen = new List<int>();
        runners["Spawn"].RunSync = () =>
        {
            Entity e = runners["Spawn"].Context.Commands.Create();
            runners["Spawn"].Context.Commands.Add(e, new Position(1, 2));
        };
        runners["Count"].RunSync = () => seen.Add(positions.Count());

        await scheduler.TickAsync(0.1f);
        await scheduler.TickAsync(0.1f);
        await scheduler.TickAsync(0.1f);

        Assert.Equal(1, runners["Spawn"].Runs);
        Assert.Equal(new[] { 1, 1, 1 }, seen); // the startup commit came first: the entity exists in the first regular tick
        Assert.Equal(3, scheduler.Ticks);
        Assert.Equal(4, world.Tick); // startup tick + 3 regular ticks
    }

    [Fact]
    public async Task FrameTime_IsSetBeforeEveryTick()
    {
        var world = new World();
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(world, Update(new[] { Sys("Clock", resourceReads: new[] { "FrameTime" }) }, new[] { 0 }), Runners(new[] { "Clock" }, runners));
        var seen = new List<FrameTime>();
        runners["Clock"].RunSync = () => seen.Add(world.Resource<FrameTime>());

        await scheduler.TickAsync(0.5f);
        await scheduler.TickAsync(0.25f);

        Assert.Equal(2, seen.Count);
        Assert.Equal((0.5f, 0.5, 0L), (seen[0].DeltaSeconds, seen[0].ElapsedSeconds, seen[0].Tick));
        Assert.Equal((0.25f, 0.75, 1L), (seen[1].DeltaSeconds, seen[1].ElapsedSeconds, seen[1].Tick));
    }

    [Fact]
    public async Task ReaderInTheSameBatchAsTheWriter_SeesLastTicksValue_AndOneCommitPerTick()
    {
        var world = new World();
        Entity e = world.Create(new Position(0, 0));
        var runners = new Dictionary<string, TestRunner>();
        SchedulePlan plan = Update(
            new[] { Sys("Move", owns: new[] { "Position" }), Sys("Watch", reads: new[] { "Position" }), Sys("Late", reads: new[] { "Position" }) },
            new[] { 0, 1 }, new[] { 2 });
        using var scheduler = new Scheduler(world, plan, Runners(new[] { "Move", "Watch", "Late" }, runners), new SchedulerOptions { MaxDegreeOfParallelism = 2 });
        runners["Move"].Context.Owner.Own<Position>();
        var watched = new ConcurrentQueue<float>();
        var late = new ConcurrentQueue<float>();
        runners["Move"].RunSync = () => runners["Move"].Context.Owner.Set(e, new Position(world.Get<Position>(e).X + 1, 0));
        runners["Watch"].RunSync = () => watched.Enqueue(world.Get<Position>(e).X);
        runners["Late"].RunSync = () => late.Enqueue(world.Get<Position>(e).X);

        for (int i = 0; i < 3; i++)
        {
            await scheduler.TickAsync(0.1f);
        }

        Assert.Equal(new[] { 0f, 1f, 2f }, watched.ToArray());
        Assert.Equal(new[] { 0f, 1f, 2f }, late.ToArray()); // even a later batch reads prev: the commit is once, after all systems
        Assert.Equal(3f, world.Get<Position>(e).X);
        Assert.Equal(3, world.Tick);
    }

    [Fact]
    public async Task AsyncSystems_AreAwaited_BeforeTheNextBatchAndTheCommit()
    {
        var world = new World();
        var runners = new Dictionary<string, TestRunner>();
        var log = new ConcurrentQueue<string>();
        using var scheduler = new Scheduler(world, Update(new[] { Sys("Slow"), Sys("Next") }, new[] { 0 }, new[] { 1 }), Runners(new[] { "Slow", "Next" }, runners, log: log));
        runners["Slow"].RunBody = async ct =>
        {
            await Task.Delay(20, ct);
            log.Enqueue("Slow.Done");
        };
        bool inTickDuringNext = false;
        runners["Next"].RunSync = () => inTickDuringNext = world.IsInTick;

        await scheduler.TickAsync(0.1f).AsTask().WaitAsync(s_timeout);

        Assert.Equal(new[] { "Slow.ShouldRun", "Slow.Prepare", "Slow.Run", "Slow.Done", "Slow.Cleanup", "Next.ShouldRun" }, log.Take(6).ToArray());
        Assert.True(inTickDuringNext);
        Assert.False(world.IsInTick);
    }

    [Fact]
    public async Task SecondTick_WhileOneRuns_Throws_AndTheFirstCompletes()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("Wait") }, new[] { 0 }), Runners(new[] { "Wait" }, runners));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runners["Wait"].RunBody = _ => new ValueTask(release.Task);

        ValueTask first = scheduler.TickAsync(0.1f);
        Assert.True(scheduler.IsTicking);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await scheduler.TickAsync(0.1f));
        Assert.Contains("ticks never overlap", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => scheduler.Tick(0.1f));

        release.SetResult();
        await first.AsTask().WaitAsync(s_timeout);
        Assert.Equal(1, runners["Wait"].Runs);
        await scheduler.TickAsync(0.1f).AsTask().WaitAsync(s_timeout);
        Assert.Equal(2, runners["Wait"].Runs);
    }

    [Fact]
    public void ContextsAndCommandBuffers_AreCreatedInPlanOrder()
    {
        var world = new World();
        var created = new List<string>();
        SchedulePlan plan = Update(new[] { Sys("C"), Sys("A"), Sys("B") }, new[] { 0, 1, 2 });
        var registrations = new[] { "A", "B", "C" }.Select(n => new SystemRegistration(n, c => { created.Add(c.SystemName); return new TestRunner(c); })).ToList();
        using var scheduler = new Scheduler(world, plan, registrations);
        Assert.Equal(new[] { "C", "A", "B" }, created);
        Assert.Equal(new[] { "C", "A", "B" }, scheduler.Contexts.Select(c => c.Commands.Name).ToArray());
        Assert.Equal(new[] { "C", "A", "B" }, scheduler.Contexts.Select(c => c.Owner.Name).ToArray());
    }

    [Fact]
    public async Task Dispose_DisposesRunners_AndLaterTicksThrow()
    {
        var disposable = new DisposableRunner();
        var scheduler = new Scheduler(new World(), Update(new[] { Sys("D") }, new[] { 0 }), new[] { new SystemRegistration("D", _ => disposable) });
        scheduler.Dispose();
        Assert.True(disposable.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await scheduler.TickAsync(0.1f));
    }

    [Fact]
    public async Task BlockingTick_WithParallelBatch_AwaitsASuspendingAsyncSystem()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("Async"), Sys("Sync") }, new[] { 0, 1 }), Runners(new[] { "Async", "Sync" }, runners), new SchedulerOptions { MaxDegreeOfParallelism = 2 });
        bool finished = false;
        runners["Async"].RunBody = async ct =>
        {
            await Task.Delay(10, ct);
            finished = true;
        };

        for (int i = 0; i < 3; i++)
        {
            finished = false;
            await Task.Run(() => scheduler.Tick(0.1f)).WaitAsync(s_timeout);
            Assert.True(finished);
        }

        Assert.Equal(3, runners["Sync"].Runs);
    }

    [Fact]
    public async Task ASystemNeverOverlapsItself_AcrossManyParallelTicks()
    {
        string[] names = Enumerable.Range(0, 6).Select(i => "S" + i).ToArray();
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(names.Select(n => Sys(n)).ToArray(), new[] { 0, 1, 2 }, new[] { 3, 4, 5 }), Runners(names, runners), new SchedulerOptions { MaxDegreeOfParallelism = 4 });
        var inside = new int[names.Length];
        int overlaps = 0;
        for (int i = 0; i < names.Length; i++)
        {
            int index = i;
            runners[names[i]].RunBody = async _ =>
            {
                if (Interlocked.Increment(ref inside[index]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                Interlocked.Decrement(ref inside[index]);
            };
        }

        for (int t = 0; t < 200; t++)
        {
            await scheduler.TickAsync(0.1f);
        }

        Assert.Equal(0, overlaps);
        Assert.All(runners.Values, r => Assert.Equal(200, r.Runs));
    }

    [Fact]
    public void MaxDegreeOfParallelismBelowOne_IsRejected()
    {
        var options = new SchedulerOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxDegreeOfParallelism = 0);
        Assert.Equal(Environment.ProcessorCount, options.MaxDegreeOfParallelism);
    }

    private sealed class DisposableRunner : ISystemRunner, IDisposable
    {
        public bool Disposed;

        public string Name => "D";

        public bool ShouldRun() => true;

        public void Prepare()
        {
        }

        public ValueTask RunAsync(CancellationToken cancellationToken) => default;

        public void Cleanup()
        {
        }

        public void Dispose() => Disposed = true;
    }
}
