using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bus;
using Prom.Bus.InMemory;

namespace Prom.Benchmarks.Bus;

/// <summary>
/// In-memory bus: publish → deliver → ack of <see cref="N"/> records through one subscription, against a
/// System.Threading.Channels pipeline doing the same producer → consumer hand-off of the same payload.
/// </summary>
[MemoryDiagnoser]
public class BusInMemoryBenchmarks
{
    private const int N = 2000;
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt"}"""u8.ToArray();
    private EventBus _bus = null!;
    private Subscription _sub = null!;
    private PublishRequest _request = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bus = new EventBus(new InMemoryBusStore());
        _request = new PublishRequest("bench.inmemory", s_payload);
        _sub = await _bus.SubscribeAsync("bench.inmemory", "g", new SubscriptionOptions { From = StartPosition.Latest, MaxInFlight = 256 });
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _bus.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public async Task ChannelsHandoff()
    {
        Channel<byte[]> channel = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task consumer = Task.Run(async () =>
        {
            int sum = 0;
            for (int i = 0; i < N; i++)
            {
                sum += (await channel.Reader.ReadAsync()).Length;
            }

            return sum;
        });
        for (int i = 0; i < N; i++)
        {
            await channel.Writer.WriteAsync(s_payload);
        }

        await consumer;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public async Task BusPublishDeliverAck()
    {
        Task consumer = Task.Run(async () =>
        {
            for (int i = 0; i < N; i++)
            {
                Delivery d = await _sub.ReceiveAsync();
                await d.AckAsync();
            }
        });
        for (int i = 0; i < N; i++)
        {
            await _bus.PublishAsync(_request);
        }

        await consumer;
    }
}
