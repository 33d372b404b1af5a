using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Prom.Bus;
using Prom.Bus.InMemory;
using Prom.Topics;

namespace Prom.Benchmarks.Topics;

/// <summary>
/// What reading an older record costs a consumer of a newer version, against decoding a record of the consumer's own
/// version (the baseline): the generated <c>ReadVersion</c> dispatch alone, a v1 record read with v1's codec plus the
/// <c>[Upcaster]</c>, a v2 record read by v3's codec (backward-compatible hop, no upcaster), and v1 → v3 (upcaster, then
/// the v2 → v3 schema step, which re-serializes). The last two rows go through <c>TopicClient.Decode(record)</c>
/// (header parsing and validation of the upcast result included).
/// </summary>
[MemoryDiagnoser]
public class TopicUpcastBenchmarks
{
    private byte[] _v1 = [];
    private byte[] _v2 = [];
    private EventRecord _v1Record = null!;
    private EventRecord _v2Record = null!;
    private TopicClient<BenchUpcastV2> _client = null!;
    private EventBus _bus = null!;

    [GlobalSetup]
    public void Setup()
    {
        _v1 = BenchUpcastV1Topic.Serialize(new BenchUpcastV1(4242, "worker-17", "host-a.example", 37.25, 16384));
        _v2 = BenchUpcastV2Topic.Serialize(new BenchUpcastV2(4242, "worker-17", "host-a.example", 37.25, 15625));
        _v1Record = Record(_v1, "1");
        _v2Record = Record(_v2, "2");
        _bus = new EventBus(new InMemoryBusStore());
        _client = BenchUpcastV2Topic.CreateClient(_bus);
        // Same payload whichever way it was read, or the comparison means nothing.
        if (BenchUpcastV2Topic.ReadVersion(1, _v1) != BenchUpcastV2Topic.Deserialize(_v2) || _client.Decode(_v1Record) != _client.Decode(_v2Record))
        {
            throw new InvalidOperationException("The upcast v1 record differs from the v2 record.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _bus.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static EventRecord Record(byte[] payload, string version) => new(
        "0190f5c2-7b1e-7c3a-9f00-1234567890ab", 0, "bench.upcast", "host-a.example", 0, 1,
        new Dictionary<string, string> { ["x-schema-version"] = version, ["content-type"] = "application/json" }, payload, null, [], []);

    [Benchmark(Baseline = true, Description = "v2 bytes → v2 (Deserialize)")]
    public BenchUpcastV2 DirectDecode() => BenchUpcastV2Topic.Deserialize(_v2);

    [Benchmark(Description = "v2 bytes → v2 (ReadVersion 2)")]
    public BenchUpcastV2 ReadOwnVersion() => BenchUpcastV2Topic.ReadVersion(2, _v2);

    [Benchmark(Description = "v1 bytes → v2 (v1 codec + upcaster)")]
    public BenchUpcastV2 UpcastV1ToV2() => BenchUpcastV2Topic.ReadVersion(1, _v1);

    [Benchmark(Description = "v2 bytes → v3 (v3 codec, backward hop)")]
    public BenchUpcastV3 SchemaHopV2ToV3() => BenchUpcastV3Topic.ReadVersion(2, _v2);

    [Benchmark(Description = "v1 bytes → v3 (upcaster + schema hop)")]
    public BenchUpcastV3 UpcastV1ToV3() => BenchUpcastV3Topic.ReadVersion(1, _v1);

    [Benchmark(Description = "client.Decode(v2 record)")]
    public BenchUpcastV2 ClientDecodeOwn() => _client.Decode(_v2Record);

    [Benchmark(Description = "client.Decode(v1 record), upcast")]
    public BenchUpcastV2 ClientDecodeUpcast() => _client.Decode(_v1Record);
}
