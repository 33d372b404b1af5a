using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prom.Bus;
using Prom.Bus.Hosting;
using Prom.Bus.Stores;
using Prom.Bus.Sqlite;

namespace Prom.Sample;

/// <summary>A process reports that it is alive.</summary>
public sealed record Heartbeat(int Pid, string Name, string Host, double CpuPct, double MemMb);

/// <summary>The latest known state of a process, as the projector publishes it.</summary>
public sealed record ProcessState(int Pid, string Name, string Host, double CpuPct, double MemMb, int Beats);

/// <summary>
/// Prom.Bus on the embedded SQLite store, hosted with Microsoft.Extensions.Hosting: heartbeats are published, a
/// hosted consumer group projects them into per-process state and publishes a snapshot per process (keyed, so the
/// latest snapshot per key is one call away). The bus file survives the run.
/// </summary>
internal static class BusDemo
{
    public static async Task RunAsync(string outputDirectory)
    {
        string path = Path.Combine(outputDirectory, "bus.db");
        foreach (string file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file); // a fresh bus each run

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Projection>();
        builder.Services.AddPromBus()
            .UseSqlite(path)
            .AddConsumer<ProcessStateProjector, Heartbeat>("heartbeat.received", "projector", c => c.Subscription.MaxInFlight = 16);
        using IHost host = builder.Build();
        await host.StartAsync();

        EventBus bus = host.Services.GetRequiredService<EventBus>();
        string[] names = { "stt", "tts", "llm" };
        const int beatsEach = 20;
        for (int beat = 0; beat < beatsEach; beat++)
        {
            for (int p = 0; p < names.Length; p++)
            {
                var heartbeat = new Heartbeat(1000 + p, names[p], "node-1", CpuPct: 10 * (p + 1) + beat % 5, MemMb: 256 * (p + 1) + beat);
                await bus.PublishAsync(PublishRequest.FromValue("heartbeat.received", heartbeat) with { Key = "proc:" + names[p] });
            }
        }

        Projection projection = host.Services.GetRequiredService<Projection>();
        bool done = await projection.WaitForAsync(beatsEach * names.Length, TimeSpan.FromSeconds(30));
        await host.StopAsync(); // graceful: stop fetching, finish in-flight, never ack unfinished work

        IReadOnlyList<GroupPartitionState> group = await bus.GetGroupStateAsync("heartbeat.received", "projector");
        IReadOnlyDictionary<string, EventRecord> latest = await bus.LatestByKeyAsync("process.state.snapshot");
        Console.WriteLine($"[Bus] SQLite store {path}: published {beatsEach * names.Length} heartbeats, projector handled {projection.Handled} " +
                          $"({(done ? "all" : "NOT all")}), watermark {string.Join(",", group.Select(g => g.Watermark))}");
        foreach ((string key, EventRecord record) in latest.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            ProcessState state = record.Deserialize<ProcessState>()!;
            Console.WriteLine($"  {key,-9} offset {record.Offset,3}: {state.Name} pid {state.Pid} cpu {state.CpuPct}% mem {state.MemMb} MB after {state.Beats} beats");
        }
        if (!done) throw new InvalidOperationException("The projector did not handle every heartbeat within 30 s.");
    }

    /// <summary>Per-process state shared by the projector's handler instances (one per message scope).</summary>
    public sealed class Projection
    {
        private readonly ConcurrentDictionary<int, ProcessState> _states = new();
        private readonly SemaphoreSlim _handled = new(0);
        private int _count;

        public int Handled => Volatile.Read(ref _count);

        public ProcessState Apply(Heartbeat beat) => _states.AddOrUpdate(
            beat.Pid,
            _ => new ProcessState(beat.Pid, beat.Name, beat.Host, beat.CpuPct, beat.MemMb, 1),
            (_, old) => old with { CpuPct = beat.CpuPct, MemMb = beat.MemMb, Beats = old.Beats + 1 });

        public void Done()
        {
            Interlocked.Increment(ref _count);
            _handled.Release();
        }

        public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                for (int i = 0; i < count; i++) await _handled.WaitAsync(deadline.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>The hosted consumer: heartbeat in, process-state snapshot out (acked by the host after it returns).</summary>
    public sealed class ProcessStateProjector(EventBus bus, Projection projection) : IBusHandler<Heartbeat>
    {
        public async Task HandleAsync(BusMessage<Heartbeat> message, CancellationToken ct)
        {
            ProcessState state = projection.Apply(message.Value);
            await bus.PublishAsync(
                PublishRequest.FromValue("process.state.snapshot", state) with { Key = "proc:" + state.Name, CausedBy = new[] { message.Record.Id } },
                ct);
            projection.Done();
        }
    }
}
