using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// One record at a time: publish, then wait until one of the 10 consumers has its ack confirmed. Every iteration is
/// one round trip, so Median and P99 are per-record latencies; see <see cref="GatewayVsJetStreamBenchmarks"/>.
/// </summary>
[Config(typeof(Config))]
public class GatewayVsJetStreamRoundTripBenchmarks : GatewayVsJetStreamBenchmarks
{
    [Benchmark(Baseline = true)]
    public Task JetStream() => BrokerWork.RoundTripAsync(Broker);

    [Benchmark]
    public Task GatewaySqliteFull() => BrokerWork.RoundTripAsync(Broker);

    [Benchmark]
    public Task GatewaySqliteNormal() => BrokerWork.RoundTripAsync(Broker);

    [Benchmark]
    public Task GatewaySqliteFullAckDelay() => BrokerWork.RoundTripAsync(Broker);

    [Benchmark]
    public Task BusClientSqliteFull() => BrokerWork.RoundTripAsync(Broker);

    private sealed class Config() : BrokerJobConfig(warmups: 50, iterations: 500);
}
