using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems;

public class EffectsTests
{
    private readonly record struct ReadFile(string Path);

    private readonly record struct FileRead(string Path, int Length);

    private readonly record struct Unhandled(int Value);

    [Fact]
    public async Task EffectResult_ArrivesAsAnEvent_InTheNextTickOnly()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("Reader") }, new[] { 0 }), Runners(new[] { "Reader" }, runners));
        scheduler.Effects.Handle<ReadFile, FileRead>(effect => new FileRead(effect.Path, effect.Path.Length));
        EffectWriter<ReadFile> effects = runners["Reader"].Context.Effects<ReadFile>();
        EventReader<FileRead> results = runners["Reader"].Context.Events<FileRead>();
        var seen = new List<string>();
        int tick = 0;
        runners["Reader"].RunSync = () =>
        {
            foreach (FileRead read in results)
            {
                seen.Add($"tick {tick}: {read.Path} {read.Length}");
            }

            if (tick == 0)
            {
                effects.Add(new ReadFile("a.txt"));
                effects.Add(new ReadFile("bb.txt"));
                Assert.Equal(2, effects.Count);
            }

            tick++;
        };

        await scheduler.TickAsync(0.1f);
        Assert.Equal(0, effects.Count);                   // ran after the commit
        await scheduler.TickAsync(0.1f);
        await scheduler.TickAsync(0.1f);

        Assert.Equal(new[] { "tick 1: a.txt 5", "tick 1: bb.txt 6" }, seen);
    }

    [Fact]
    public async Task Effects_RunInPlanOrder_EvenWhenSystemsRunInParallel_AndAsyncHandlersAreAwaitedInOrder()
    {
        var names = Enumerable.Range(0, 8).Select(i => "S" + i).ToArray();
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(
            new World(),
            Update(names.Select(n => Sys(n)).ToArray(), Enumerable.Range(0, 8).ToArray()),
            Runners(names, runners),
            new SchedulerOptions { MaxDegreeOfParallelism = 4 });
        var handled = new List<string>();
        scheduler.Effects.Handle<ReadFile, FileRead>(async (effect, ct) =>
        {
            await Task.Delay(effect.Path.Length % 3, ct);
            handled.Add(effect.Path);
            return new FileRead(effect.Path, 0);
        });
        foreach (string name in names)
        {
            EffectWriter<ReadFile> lane = runners[name].Context.Effects<ReadFile>();
            runners[name].RunSync = () =>
            {
                lane.Add(new ReadFile(name + ".1"));
                lane.Add(new ReadFile(name + "..2"));
            };
        }

        await scheduler.TickAsync(0.1f);
        EventReader<FileRead> events = scheduler.Contexts[0].Events<FileRead>();
        await scheduler.TickAsync(0.1f);

        string[] expected = names.SelectMany(n => new[] { n + ".1", n + "..2" }).ToArray();
        Assert.Equal(expected, handled.Take(16));
        Assert.Equal(16, events.Count);
    }

    [Fact]
    public async Task UnhandledEffectType_IsAClearError_NamingTheTypeAndTheSystem()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("Emitter") }, new[] { 0 }), Runners(new[] { "Emitter" }, runners));
        EffectWriter<Unhandled> lane = runners["Emitter"].Context.Effects<Unhandled>();
        runners["Emitter"].RunSync = () => lane.Add(new Unhandled(1));

        EffectFailedException error = await Assert.ThrowsAsync<EffectFailedException>(async () => await scheduler.TickAsync(0.1f));

        Assert.Equal("Emitter", error.SystemName);
        Assert.Equal(typeof(Unhandled), error.EffectType);
        Assert.Contains("no handler is registered", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, lane.Count);
    }

    [Fact]
    public void SecondHandlerForOneEffectType_IsRejected()
    {
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A") }, new[] { 0 }), Runners(new[] { "A" }, new Dictionary<string, TestRunner>()));
        scheduler.Effects.Handle<ReadFile>(_ => { });
        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Effects.Handle<ReadFile, FileRead>(e => new FileRead(e.Path, 0)));
        Assert.Contains("ReadFile already has an effect handler", error.Message, StringComparison.Ordinal);
        Assert.True(scheduler.Effects.HasHandler<ReadFile>());
    }

    [Fact]
    public async Task PostedEvents_AreVisibleInTheNextTick_AndEveryReaderOfAType_IsTheSame()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A"), Sys("B") }, new[] { 0, 1 }), Runners(new[] { "A", "B" }, runners));
        EventReader<FileRead> a = runners["A"].Context.Events<FileRead>();
        Assert.Same(a, runners["B"].Context.Events<FileRead>());
        int seenInA = -1;
        runners["A"].RunSync = () => seenInA = a.Count;

        scheduler.Effects.Post(new FileRead("input", 1));
        await scheduler.TickAsync(0.1f);
        Assert.Equal(1, seenInA);
        await scheduler.TickAsync(0.1f);
        Assert.Equal(0, seenInA);
    }

    [Fact]
    public async Task FailingHandler_DropsTheRestOfTheTicksEffects_AndNamesTheEmitter()
    {
        var runners = new Dictionary<string, TestRunner>();
        using var scheduler = new Scheduler(new World(), Update(new[] { Sys("A") }, new[] { 0 }), Runners(new[] { "A" }, runners));
        var handled = new List<string>();
        scheduler.Effects.Handle<ReadFile, FileRead>(e => e.Path == "bad" ? throw new InvalidOperationException("bad path") : new FileRead(e.Path, 0));
        scheduler.Effects.Handle<Unhandled>(u => handled.Add("u" + u.Value));
        EffectWriter<ReadFile> files = runners["A"].Context.Effects<ReadFile>();
        EffectWriter<Unhandled> others = runners["A"].Context.Effects<Unhandled>();
        runners["A"].RunSync = () =>
        {
            files.Add(new ReadFile("ok"));
            files.Add(new ReadFile("bad"));
            files.Add(new ReadFile("never"));
            others.Add(new Unhandled(1));
        };

        EffectFailedException error = await Assert.ThrowsAsync<EffectFailedException>(async () => await scheduler.TickAsync(0.1f));
        Assert.Equal("A", error.SystemName);
        Assert.Equal("bad path", error.InnerException!.Message);
        Assert.Empty(handled);
        Assert.Equal(0, files.Count + others.Count);

        runners["A"].RunSync = null;
        await scheduler.TickAsync(0.1f);
        Assert.Equal(1, runners["A"].Context.Events<FileRead>().Count); // the result produced before the failure still arrived
    }
}
