using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// 2,000 records per iteration (published 100 at a time, drained by 10 consumers), time per record; see
/// <see cref="GatewayVsJetStreamBenchmarks"/>. Records/s is the throughput.
/// </summary>
[Config(typeof(Config))]
public class GatewayVsJetStreamThroughputBenchmarks : GatewayVsJetStreamBenchmarks
{
    private const int Records = 2_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public Task JetStream() => BrokerWork.PublishAndDrainAsync(Broker, Records);

    [Benchmark(OperationsPerInvoke = Records)]
    public Task GatewaySqliteFull() => BrokerWork.PublishAndDrainAsync(Broker, Records);

    [Benchmark(OperationsPerInvoke = Records)]
    public Task GatewaySqliteNormal() => BrokerWork.PublishAndDrainAsync(Broker, Records);

    [Benchmark(OperationsPerInvoke = Records)]
    public Task GatewaySqliteFullAckDelay() => BrokerWork.PublishAndDrainAsync(Broker, Records);

    [Benchmark(OperationsPerInvoke = Records)]
    public Task BusClientSqliteFull() => BrokerWork.PublishAndDrainAsync(Broker, Records);

    private sealed class Config() : BrokerJobConfig(warmups: 2, iterations: 10);
}
