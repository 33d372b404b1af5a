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
using Prom.Generated;
using Prom.Topics;

namespace Prom.Sample;

/// <summary>A process reports that it is alive (topic schema, codec and client are generated).</summary>
[Topic("heartbeat.received", Version = 1, Partitions = 4, Key = nameof(Name))]
public sealed record Heartbeat(int Pid, string Name, string Host, double CpuPct, double MemMb);

/// <summary>The latest known state of a process, as the projector publishes it (compacted: latest per key).</summary>
[Topic("process.state.snapshot", Version = 1, Compaction = true, Key = nameof(Name))]
public sealed record ProcessState(int Pid, string Name, string Host, double CpuPct, double MemMb, int Beats);

/// <summary>
/// [Topic] + Prom.Bus on the embedded SQLite store, hosted with Microsoft.Extensions.Hosting: heartbeats are published
/// through the generated typed client, a hosted consumer group projects them into per-process state and publishes a
/// snapshot per process with the generated snapshot client (keyed and compacted, so the latest snapshot per key is one
/// call away). No topic is named by a string literal: the names come from the generated descriptors.
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
            .AddConsumer<ProcessStateProjector, Heartbeat>(HeartbeatTopic.Name, "projector", c => c.Subscription.MaxInFlight = 16);
        builder.Services.AddPromTopics(); // a TopicClient<T> per [Topic]; hosted consumers read with the generated codec
        using IHost host = builder.Build();
        await host.StartAsync();

        EventBus bus = host.Services.GetRequiredService<EventBus>();
        TopicClient<Heartbeat> heartbeats = host.Services.GetRequiredService<TopicClient<Heartbeat>>();
        string[] names = { "stt", "tts", "llm" };
        const int beatsEach = 20;
        for (int beat = 0; beat < beatsEach; beat++)
        {
            for (int p = 0; p < names.Length; p++)
            {
                var heartbeat = new Heartbeat(1000 + p, names[p], "node-1", CpuPct: 10 * (p + 1) + beat % 5, MemMb: 256 * (p + 1) + beat);
                await heartbeats.PublishAsync(heartbeat); // validated, x-schema-version stamped, key = Name
            }
        }

        Projection projection = host.Services.GetRequiredService<Projection>();
        bool done = await projection.WaitForAsync(beatsEach * names.Length, TimeSpan.FromSeconds(30));
        await host.StopAsync(); // graceful: stop fetching, finish in-flight, never ack unfinished work

        IReadOnlyList<GroupPartitionState> group = await bus.GetGroupStateAsync(HeartbeatTopic.Name, "projector");
        IReadOnlyDictionary<string, EventRecord> latest = await bus.LatestByKeyAsync(ProcessStateTopic.Name);
        TopicClient<ProcessState> snapshots = host.Services.GetRequiredService<TopicClient<ProcessState>>();
        Console.WriteLine($"[Topic+Bus] SQLite store {path}: published {beatsEach * names.Length} heartbeats (schema v{HeartbeatTopic.Version}), " +
                          $"projector handled {projection.Handled} ({(done ? "all" : "NOT all")}), watermarks per partition {string.Join(",", group.Select(g => g.Watermark))}");
        foreach ((string key, EventRecord record) in latest.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            ProcessState state = snapshots.Decode(record); // the generated reader, no reflection
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
    public sealed class ProcessStateProjector(TopicClient<ProcessState> snapshots, Projection projection) : IBusHandler<Heartbeat>
    {
        public async Task HandleAsync(BusMessage<Heartbeat> message, CancellationToken ct)
        {
            ProcessState state = projection.Apply(message.Value);
            await snapshots.PublishAsync(state, ct: ct);
            projection.Done();
        }
    }
}
