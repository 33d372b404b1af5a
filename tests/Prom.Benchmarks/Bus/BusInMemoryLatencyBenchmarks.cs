using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bus;
using Prom.Bus.InMemory;

namespace Prom.Benchmarks.Bus;

/// <summary>One record at a time: publish, wait for the consumer to receive and ack it. Median/P95/P99 are the round-trip latency.</summary>
[Config(typeof(LatencyConfig))]
public class BusInMemoryLatencyBenchmarks
{
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt"}"""u8.ToArray();
    private EventBus _bus = null!;
    private Subscription _sub = null!;
    private PublishRequest _request = null!;
    private Channel<byte[]> _channel = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bus = new EventBus(new InMemoryBusStore());
        _request = new PublishRequest("bench.latency", s_payload);
        _sub = await _bus.SubscribeAsync("bench.latency", "g", new SubscriptionOptions { From = StartPosition.Latest });
        _channel = Channel.CreateUnbounded<byte[]>();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _bus.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async Task<int> ChannelsRoundTrip()
    {
        ValueTask<byte[]> read = _channel.Reader.ReadAsync();
        await _channel.Writer.WriteAsync(s_payload);
        return (await read).Length;
    }

    [Benchmark]
    public async Task BusRoundTrip()
    {
        ValueTask<Delivery> receive = _sub.ReceiveAsync();
        await _bus.PublishAsync(_request);
        Delivery d = await receive;
        await d.AckAsync();
    }
}
