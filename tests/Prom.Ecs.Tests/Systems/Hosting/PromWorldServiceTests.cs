using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prom.Ecs.Hosting;
using Prom.Ecs.Tests.Components;
using Xunit;
using static Prom.Ecs.Tests.Systems.Plans;

namespace Prom.Ecs.Tests.Systems.Hosting;

[Collection(SerialCollection.Name)]
public class PromWorldServiceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static IHost BuildHost(Action<PromWorldOptions> configure)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromWorld(configure);
        return builder.Build();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < s_timeout, "timed out");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task AddPromWorld_TicksTheScheduleAtTheFixedStep_WithDtEqualToTheStep()
    {
        var runners = new Dictionary<string, TestRunner>();
        var deltas = new List<float>();
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(10);
            o.UseSchedule(Update(new[] { Sys("Clock") }, new[] { 0 }), Runners(new[] { "Clock" }, runners));
            o.ConfigureWorld((_, world) => world.Create(new Position(1, 2)));
            o.ConfigureScheduler((_, scheduler) => runners["Clock"].RunSync = () =>
            {
                lock (deltas)
                {
                    deltas.Add(scheduler.World.Resource<FrameTime>().DeltaSeconds);
                }
            });
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        Assert.Same(host.Services.GetRequiredService<World>(), service.Scheduler.World);
        Assert.Equal(1, service.Scheduler.World.EntityCount);

        await host.StartAsync();
        await WaitUntil(() => service.Ticks >= 5);
        await host.StopAsync(s_timeout);

        lock (deltas)
        {
            Assert.True(deltas.Count >= 5);
            Assert.All(deltas, dt => Assert.Equal(0.01f, dt));
        }
    }

    [Fact]
    public async Task Stop_LetsTheRunningTickComplete_ThenStartsNoOther()
    {
        var runners = new Dictionary<string, TestRunner>();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(5);
            o.UseSchedule(Update(new[] { Sys("Slow") }, new[] { 0 }), Runners(new[] { "Slow" }, runners));
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        runners["Slow"].RunBody = async _ =>
        {
            inside.TrySetResult();
            await release.Task;
        };

        await host.StartAsync();
        await inside.Task.WaitAsync(s_timeout);
        Task stopping = host.StopAsync(s_timeout);
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted);          // waits for the tick
        Assert.True(service.Scheduler.World.IsInTick);

        release.SetResult();
        await stopping.WaitAsync(s_timeout);

        Assert.False(service.Scheduler.World.IsInTick); // the tick committed
        Assert.Equal(1, runners["Slow"].Runs);
        Assert.Equal(1, runners["Slow"].Cleanups);
        Assert.Equal(1, service.Ticks);
        Assert.True(service.Completion.IsCompleted);
    }

    [Fact]
    public async Task LateTicks_Coalesce_InsteadOfQueuing()
    {
        var runners = new Dictionary<string, TestRunner>();
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(10);
            o.UseSchedule(Update(new[] { Sys("Heavy") }, new[] { 0 }), Runners(new[] { "Heavy" }, runners));
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        runners["Heavy"].RunSync = () => Thread.Sleep(35);

        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        await WaitUntil(() => service.Ticks >= 4);
        await host.StopAsync(s_timeout);
        clock.Stop();

        // Each tick takes at least 35 ms, i.e. 3+ steps: the missed steps are counted and dropped, never replayed.
        Assert.True(service.CoalescedSteps >= 2 * service.Ticks - 2, $"{service.CoalescedSteps} coalesced in {service.Ticks} ticks");
        Assert.True(service.Ticks <= (clock.ElapsedMilliseconds / 35) + 1, $"{service.Ticks} ticks in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task FailingTick_StopsTheLoop_AndAsksTheApplicationToStop()
    {
        var runners = new Dictionary<string, TestRunner>();
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(5);
            o.UseSchedule(Update(new[] { Sys("Broken") }, new[] { 0 }), Runners(new[] { "Broken" }, runners));
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        runners["Broken"].RunSync = () => throw new InvalidOperationException("broken");

        await host.StartAsync();
        await service.Completion.WaitAsync(s_timeout);

        Assert.Equal(1, service.Failures);
        Assert.Equal(1, service.Ticks);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync(s_timeout);
    }

    [Fact]
    public async Task ContinueOnError_KeepsTicking_AfterAFailedTick()
    {
        var runners = new Dictionary<string, TestRunner>();
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(5);
            o.ContinueOnError = true;
            o.UseSchedule(Update(new[] { Sys("Flaky") }, new[] { 0 }), Runners(new[] { "Flaky" }, runners));
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        runners["Flaky"].RunSync = () =>
        {
            if (runners["Flaky"].Runs == 1)
            {
                throw new InvalidOperationException("first tick fails");
            }
        };

        await host.StartAsync();
        await WaitUntil(() => service.Ticks >= 3);
        await host.StopAsync(s_timeout);

        Assert.Equal(1, service.Failures);
        Assert.True(runners["Flaky"].Runs >= 3);
    }

    private readonly record struct Ping(int Value);

    private readonly record struct Pong(int Value);

    [Fact]
    public async Task EffectHandlersRegisteredInConfigureScheduler_DeliverEventsToLaterTicks()
    {
        var runners = new Dictionary<string, TestRunner>();
        var received = new List<int>();
        using IHost host = BuildHost(o =>
        {
            o.Step = TimeSpan.FromMilliseconds(5);
            o.UseSchedule(Update(new[] { Sys("PingPong") }, new[] { 0 }), Runners(new[] { "PingPong" }, runners));
            o.ConfigureScheduler((_, scheduler) => scheduler.Effects.Handle<Ping, Pong>(ping => new Pong(ping.Value * 10)));
        });
        var service = host.Services.GetRequiredService<PromWorldService>();
        EffectWriter<Ping> pings = runners["PingPong"].Context.Effects<Ping>();
        EventReader<Pong> pongs = runners["PingPong"].Context.Events<Pong>();
        int sent = 0;
        runners["PingPong"].RunSync = () =>
        {
            foreach (Pong pong in pongs)
            {
                lock (received)
                {
                    received.Add(pong.Value);
                }
            }

            pings.Add(new Ping(++sent));
        };

        await host.StartAsync();
        await WaitUntil(() => { lock (received) { return received.Count >= 3; } });
        await host.StopAsync(s_timeout);

        lock (received)
        {
            Assert.Equal(new[] { 10, 20, 30 }, received.Take(3));
        }
    }

    [Fact]
    public void MissingSchedule_IsAClearErrorWhenTheSchedulerIsResolved()
    {
        using IHost host = BuildHost(o => o.Step = TimeSpan.FromMilliseconds(5));
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<Scheduler>());
        Assert.Contains("options.UseSchedule(PromSystems.Plan, PromSystems.Registrations)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveStep_IsRejected()
    {
        var options = new PromWorldOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Step = TimeSpan.Zero);
    }
}
