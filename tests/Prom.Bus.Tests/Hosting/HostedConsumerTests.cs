using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prom.Bus.Hosting;
using Prom.Bus.InMemory;
using Prom.Bus.Sqlite;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Hosting;

public sealed class HostedConsumerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-host-").FullName;

    public sealed record Heartbeat(int Pid, string Name);

    /// <summary>Shared between the handler instances (one per DI scope) and the test.</summary>
    public sealed class Probe
    {
        public ConcurrentQueue<Heartbeat> Seen { get; } = new();

        public Func<BusMessage<Heartbeat>, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class HeartbeatHandler(Probe probe) : IBusHandler<Heartbeat>
    {
        public async Task HandleAsync(BusMessage<Heartbeat> message, CancellationToken ct)
        {
            probe.Started.TrySetResult();
            await probe.Behaviour(message, ct);
            probe.Seen.Enqueue(message.Value);
        }
    }

    [Fact]
    public async Task AddPromBusWithSqlite_RunsTypedHandlers_AndAcksTheirRecords()
    {
        var probe = new Probe();
        using IHost host = BuildHost(probe, b => b.UseSqlite(Path.Combine(_dir, "host.db")), TimeSpan.FromSeconds(5));
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<EventBus>();
        Assert.IsType<SqliteBusStore>(bus.Store);
        for (int i = 0; i < 5; i++)
        {
            await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(i, "stt")));
        }

        await WaitFor(() => probe.Seen.Count == 5);
        await WaitFor(async () => (await bus.GetGroupStateAsync("heartbeat.received", "monitor"))[0].Watermark == 5);
        Assert.Equal([0, 1, 2, 3, 4], probe.Seen.Select(h => h.Pid).Order());
        await host.StopAsync();
    }

    [Fact]
    public async Task GracefulShutdown_LetsInFlightWorkFinishAndAck()
    {
        var probe = new Probe { Behaviour = (_, _) => Task.Delay(400) };
        var store = new InMemoryBusStore();
        using IHost host = BuildHost(probe, b => b.Services.AddSingleton<IBusStore>(store), TimeSpan.FromSeconds(10));
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<EventBus>();
        await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(1, "a")));
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await host.StopAsync();
        Assert.Single(probe.Seen);
        Assert.Equal(1, (await store.GetGroupStateAsync("heartbeat.received", "monitor"))[0].Watermark);
    }

    [Fact]
    public async Task ShutdownTimeout_CancelsUnfinishedWork_ReleasesItUnacked_WithoutCountingTheAttempt()
    {
        var probe = new Probe { Behaviour = (_, ct) => Task.Delay(Timeout.Infinite, ct) };
        var store = new InMemoryBusStore();
        using (IHost host = BuildHost(probe, b => b.Services.AddSingleton<IBusStore>(store), TimeSpan.FromMilliseconds(300)))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<EventBus>().PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(1, "a")));
            await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await host.StopAsync();
        }

        Assert.Empty(probe.Seen);
        Assert.Equal(0, (await store.GetGroupStateAsync("heartbeat.received", "monitor"))[0].Watermark);

        // The next process gets it again as attempt 1: the released attempt did not count toward the DLQ.
        await using var bus = new EventBus(store);
        await using Subscription sub = await bus.SubscribeAsync("heartbeat.received", "monitor");
        Assert.Equal(1, (await sub.ReceiveWithin()).Attempt);
    }

    [Fact]
    public async Task IdempotentConsumer_SkipsARecordAlreadyProcessedByItsGroup_ButAcksIt()
    {
        var probe = new Probe();
        var store = new InMemoryBusStore();
        using IHost host = BuildHost(probe, b => b.Services.AddSingleton<IBusStore>(store), TimeSpan.FromSeconds(5), idempotent: true);
        var bus = host.Services.GetRequiredService<EventBus>();
        EventRecord done = await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(1, "done")));
        await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(2, "new")));
        // As if a previous run processed record 1 and died before its ack.
        await store.MarkProcessedAsync($"heartbeat.received::monitor::{done.Id}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000);

        await host.StartAsync();
        await WaitFor(async () => (await bus.GetGroupStateAsync("heartbeat.received", "monitor"))[0].Watermark == 2);
        Assert.Equal([2], probe.Seen.Select(h => h.Pid));
        await host.StopAsync();
    }

    [Fact]
    public async Task FailingHandler_IsNackedWithBackoff_AndEndsInTheDlq()
    {
        var probe = new Probe { Behaviour = (_, _) => throw new InvalidOperationException("cannot handle") };
        var store = new InMemoryBusStore();
        using IHost host = BuildHost(probe, b => b.Services.AddSingleton<IBusStore>(store), TimeSpan.FromSeconds(5));
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<EventBus>();
        await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", new Heartbeat(1, "x")));
        await WaitFor(async () => (await store.GetTopicAsync("dlq.heartbeat.received")) is not null
            && (await store.ReadAsync("dlq.heartbeat.received", 0, 1, 10)).Count == 1);
        DeadLetterEntry entry = DeadLetter.Read((await store.ReadAsync("dlq.heartbeat.received", 0, 1, 10))[0]);
        Assert.Equal(3, entry.Attempts);
        Assert.Contains("cannot handle", entry.Error);
        await host.StopAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static IHost BuildHost(Probe probe, Action<BusBuilder> store, TimeSpan shutdownTimeout, bool idempotent = false)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(probe);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        BusBuilder bus = builder.Services.AddPromBus(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        store(bus);
        bus.AddConsumer<HeartbeatHandler, Heartbeat>("heartbeat.received", "monitor", c =>
        {
            c.Idempotent = idempotent;
            c.Subscription.MaxAttempts = 3;
            c.Subscription.BackoffBase = TimeSpan.FromMilliseconds(20);
        });
        return builder.Build();
    }

    private static Task WaitFor(Func<bool> condition) => WaitFor(() => Task.FromResult(condition()));

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(sw.ElapsedMilliseconds < 10_000, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
