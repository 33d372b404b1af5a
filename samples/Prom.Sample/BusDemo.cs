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
using Prom.Topics.Registry;

namespace Prom.Sample;

/// <summary>
/// [Topic] + Prom.Bus on the embedded SQLite store, hosted with Microsoft.Extensions.Hosting. An old agent publishes
/// version-1 heartbeats and a new agent version-2 heartbeats, both through generated typed clients; a hosted consumer
/// of version 2 projects every heartbeat into per-process state (version-1 records arrive upcast by the generated
/// chain) and publishes a snapshot per process with the generated snapshot client (keyed and compacted, so the latest
/// snapshot per key is one call away). Every declared version is registered in the schema registry at host start, and
/// the AsyncAPI document built at compile time is written next to the database. No topic is named by a string
/// literal: the names come from the generated descriptors.
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
            .AddConsumer<ProcessStateProjector, HeartbeatV2>(HeartbeatV2Topic.Name, "projector", c => c.Subscription.MaxInFlight = 16);
        builder.Services.AddPromTopics(); // a TopicClient<T> per [Topic], the schema registry; consumers read with the generated codecs
        using IHost host = builder.Build();
        await host.StartAsync(); // registers heartbeat v1, v2 and the snapshot: an incompatible version would stop here

        EventBus bus = host.Services.GetRequiredService<EventBus>();
        TopicClient<HeartbeatV1> oldAgent = host.Services.GetRequiredService<TopicClient<HeartbeatV1>>();
        TopicClient<HeartbeatV2> newAgent = host.Services.GetRequiredService<TopicClient<HeartbeatV2>>();
        string[] names = { "stt", "tts", "llm" };
        const int beatsEach = 20;
        for (int beat = 0; beat < beatsEach; beat++)
        {
            for (int p = 0; p < names.Length; p++)
            {
                double cpu = 10 * (p + 1) + beat % 5;
                long memMb = 256 * (p + 1) + beat;
                // The first half of the run still comes from old agents (v1, MB); then the agents are upgraded (v2, MiB).
                if (beat < beatsEach / 2) await oldAgent.PublishAsync(new HeartbeatV1(1000 + p, names[p], "node-1", cpu, memMb));
                else await newAgent.PublishAsync(new HeartbeatV2(1000 + p, names[p], "node-1", cpu, memMb * 1_000_000 / 1_048_576));
            }
        }

        Projection projection = host.Services.GetRequiredService<Projection>();
        bool done = await projection.WaitForAsync(beatsEach * names.Length, TimeSpan.FromSeconds(30));
        await host.StopAsync(); // graceful: stop fetching, finish in-flight, never ack unfinished work

        IReadOnlyList<GroupPartitionState> group = await bus.GetGroupStateAsync(HeartbeatV2Topic.Name, "projector");
        IReadOnlyDictionary<string, EventRecord> latest = await bus.LatestByKeyAsync(ProcessStateTopic.Name);
        TopicClient<ProcessState> snapshots = host.Services.GetRequiredService<TopicClient<ProcessState>>();
        TopicSchemaRegistry registry = host.Services.GetRequiredService<TopicSchemaRegistry>();
        string asyncApi = Path.Combine(outputDirectory, "asyncapi.json");
        File.WriteAllText(asyncApi, PromTopics.AsyncApiJson); // built at compile time: channels, operations, one message per version

        Console.WriteLine($"[Topic+Bus] SQLite store {path}: published {beatsEach * names.Length} heartbeats " +
                          $"({beatsEach / 2 * names.Length} as v1 by old agents, {beatsEach / 2 * names.Length} as v2); " +
                          $"schema registry holds {HeartbeatV2Topic.Name} v{string.Join(", v", registry.Versions(HeartbeatV2Topic.Name).Select(d => d.Version))}");
        Console.WriteLine($"  v2 projector handled {projection.Handled} ({(done ? "all" : "NOT all")}), {projection.Upcast} of them v1 records upcast by " +
                          $"HeartbeatV2.FromV1 (mem_mb → mem_mib); watermarks per partition {string.Join(",", group.Select(g => g.Watermark))}");
        foreach ((string key, EventRecord record) in latest.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            ProcessState state = snapshots.Decode(record); // the generated reader, no reflection
            Console.WriteLine($"  {key,-9} offset {record.Offset,3}: {state.Name} pid {state.Pid} cpu {state.CpuPct}% mem {state.MemMib} MiB " +
                              $"after {state.Beats} beats ({state.UpcastBeats} upcast from v1)");
        }
        Console.WriteLine($"  AsyncAPI 3.0 document ({PromTopics.Descriptors.Count} topic versions, built at compile time): {asyncApi}");
        if (!done) throw new InvalidOperationException("The projector did not handle every heartbeat within 30 s.");
    }

    /// <summary>Per-process state shared by the projector's handler instances (one per message scope).</summary>
    public sealed class Projection
    {
        private readonly ConcurrentDictionary<int, ProcessState> _states = new();
        private readonly SemaphoreSlim _handled = new(0);
        private int _count;

        private int _upcast;

        public int Handled => Volatile.Read(ref _count);

        public int Upcast => Volatile.Read(ref _upcast);

        public ProcessState Apply(HeartbeatV2 beat, bool wasUpcast)
        {
            if (wasUpcast) Interlocked.Increment(ref _upcast);
            int upcast = wasUpcast ? 1 : 0;
            return _states.AddOrUpdate(
                beat.Pid,
                _ => new ProcessState(beat.Pid, beat.Name, beat.Host, beat.CpuPct, beat.MemMib, 1, upcast),
                (_, old) => old with { CpuPct = beat.CpuPct, MemMib = beat.MemMib, Beats = old.Beats + 1, UpcastBeats = old.UpcastBeats + upcast });
        }

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

    /// <summary>
    /// The hosted consumer of the latest heartbeat version: heartbeat in, process-state snapshot out (acked by the host
    /// after it returns). Version-1 records reach it already upcast; the stored header still tells which they were.
    /// </summary>
    public sealed class ProcessStateProjector(TopicClient<ProcessState> snapshots, TopicClient<HeartbeatV2> heartbeats, Projection projection) : IBusHandler<HeartbeatV2>
    {
        public async Task HandleAsync(BusMessage<HeartbeatV2> message, CancellationToken ct)
        {
            bool wasUpcast = heartbeats.SchemaVersionOf(message.Delivery.Record) != HeartbeatV2Topic.Version;
            ProcessState state = projection.Apply(message.Value, wasUpcast);
            await snapshots.PublishAsync(state, ct: ct);
            projection.Done();
        }
    }
}
