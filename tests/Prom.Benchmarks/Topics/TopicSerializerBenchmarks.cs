using System;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Prom.Benchmarks.Topics;

/// <summary>
/// The generated [Topic] codec (Utf8JsonWriter/Utf8JsonReader, validation included) against System.Text.Json's
/// source-generated context (the baseline of each category) and reflection-based System.Text.Json, for the same
/// payloads and the same JSON (snake_case names). Serialize = payload → byte[]; deserialize = byte[] → payload.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TopicSerializerBenchmarks
{
    private static readonly JsonSerializerOptions s_reflection = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly BenchHeartbeat _heartbeat = new(4242, "worker-17", "host-a.example", 37.25, 16384);

    private readonly BenchSnapshot _snapshot = new()
    {
        Id = Guid.Parse("0190f5c2-7b1e-7c3a-9f00-1234567890ab"),
        Name = "ingest",
        Note = null,
        State = BenchState.Running,
        At = new DateTimeOffset(2026, 11, 21, 4, 30, 0, TimeSpan.Zero),
        ExitCode = null,
        Alive = true,
        Cost = 12.75m,
        Load = 0.625,
        Rss = 734003200,
    };

    private byte[] _heartbeatJson = [];
    private byte[] _snapshotJson = [];

    [GlobalSetup]
    public void Setup()
    {
        _heartbeatJson = BenchHeartbeatTopic.Serialize(_heartbeat);
        _snapshotJson = BenchSnapshotTopic.Serialize(_snapshot);
        // The three serializers must agree byte for byte, or the comparison means nothing.
        if (!_heartbeatJson.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(_heartbeat, TopicBenchJsonContext.Default.BenchHeartbeat)) ||
            !_snapshotJson.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(_snapshot, s_reflection)))
        {
            throw new InvalidOperationException("The generated codec and System.Text.Json disagree on the JSON.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Heartbeat-Serialize")]
    public byte[] Heartbeat_Serialize_StjSourceGen() => JsonSerializer.SerializeToUtf8Bytes(_heartbeat, TopicBenchJsonContext.Default.BenchHeartbeat);

    [Benchmark, BenchmarkCategory("Heartbeat-Serialize")]
    public byte[] Heartbeat_Serialize_Generated() => BenchHeartbeatTopic.Serialize(_heartbeat);

    [Benchmark, BenchmarkCategory("Heartbeat-Serialize")]
    public byte[] Heartbeat_Serialize_StjReflection() => JsonSerializer.SerializeToUtf8Bytes(_heartbeat, s_reflection);

    [Benchmark(Baseline = true), BenchmarkCategory("Heartbeat-Deserialize")]
    public BenchHeartbeat? Heartbeat_Deserialize_StjSourceGen() => JsonSerializer.Deserialize(_heartbeatJson, TopicBenchJsonContext.Default.BenchHeartbeat);

    [Benchmark, BenchmarkCategory("Heartbeat-Deserialize")]
    public BenchHeartbeat Heartbeat_Deserialize_Generated() => BenchHeartbeatTopic.Deserialize(_heartbeatJson);

    [Benchmark, BenchmarkCategory("Heartbeat-Deserialize")]
    public BenchHeartbeat? Heartbeat_Deserialize_StjReflection() => JsonSerializer.Deserialize<BenchHeartbeat>(_heartbeatJson, s_reflection);

    [Benchmark(Baseline = true), BenchmarkCategory("Snapshot-Serialize")]
    public byte[] Snapshot_Serialize_StjSourceGen() => JsonSerializer.SerializeToUtf8Bytes(_snapshot, TopicBenchJsonContext.Default.BenchSnapshot);

    [Benchmark, BenchmarkCategory("Snapshot-Serialize")]
    public byte[] Snapshot_Serialize_Generated() => BenchSnapshotTopic.Serialize(_snapshot);

    [Benchmark, BenchmarkCategory("Snapshot-Serialize")]
    public byte[] Snapshot_Serialize_StjReflection() => JsonSerializer.SerializeToUtf8Bytes(_snapshot, s_reflection);

    [Benchmark(Baseline = true), BenchmarkCategory("Snapshot-Deserialize")]
    public BenchSnapshot? Snapshot_Deserialize_StjSourceGen() => JsonSerializer.Deserialize(_snapshotJson, TopicBenchJsonContext.Default.BenchSnapshot);

    [Benchmark, BenchmarkCategory("Snapshot-Deserialize")]
    public BenchSnapshot Snapshot_Deserialize_Generated() => BenchSnapshotTopic.Deserialize(_snapshotJson);

    [Benchmark, BenchmarkCategory("Snapshot-Deserialize")]
    public BenchSnapshot? Snapshot_Deserialize_StjReflection() => JsonSerializer.Deserialize<BenchSnapshot>(_snapshotJson, s_reflection);
}
