using System;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// Issue 12 "Performance": publish → deliver → ack over the network, 10 consumers in one group, against NATS JetStream
/// (the system a user would pick instead) in the same run. Gateway side: the ready server (<c>Prom.Bus.Server</c>) as
/// a child process on the SQLite store, reached over WebSocket on loopback; <c>Full</c> durability (every publish
/// fsynced before its OK) is the configuration under test, <c>Normal</c> (survives a process kill, not a power loss) is
/// the one closest to JetStream 2.9's file store, which writes each message before its ack but fsyncs on a two-minute
/// timer (2.9 has no <c>sync_interval</c> setting). JetStream side: <c>nats-server -js</c> on 127.0.0.1, a file-backed
/// stream, a durable pull consumer with explicit acks. Both sides: one publisher connection with 100 publishes awaiting
/// their confirmation at once; each consumer on its own connection acks every record and waits for the broker to
/// confirm the ack (gateway OK / JetStream double ack) before taking the next. <c>BusClientSqliteFull</c> is the same
/// server and work driven by the C# <c>BusClient</c> instead of the raw protocol driver: what a .NET service sees.
/// <para><c>Throughput</c>: 2,000 records per operation, time per record (Records/s column).
/// <c>RoundTrip</c>: one record published and acked at a time; each iteration is one round trip, so Median and P99
/// are per-record latencies.</para>
/// </summary>
public abstract class GatewayVsJetStreamBenchmarks
{
    // The benchmark methods of the derived classes carry these names (the setups below target them).
    protected const string JetStreamCase = "JetStream";
    protected const string GatewayFullCase = "GatewaySqliteFull";
    protected const string GatewayNormalCase = "GatewaySqliteNormal";
    protected const string BusClientFullCase = "BusClientSqliteFull";
    protected const string GatewayFullAckDelayCase = "GatewaySqliteFullAckDelay";

    /// <summary><c>Store:AckCommitDelay</c> of the <see cref="GatewayFullAckDelayCase"/> server: acks confirmed once applied, committed within 5 ms.</summary>
    internal const string AckCommitDelay = "00:00:00.005";

    /// <summary>How long every broker runs the throughput work after its start, before BenchmarkDotNet's own warm-up.</summary>
    private static readonly TimeSpan s_steadyStateWarmup = TimeSpan.FromSeconds(5);

    private protected IBrokerUnderTest Broker { get; private set; } = null!;

    [GlobalSetup(Target = JetStreamCase)]
    public void SetupJetStream() => Broker = WarmUp(JetStreamBroker.StartAsync().GetAwaiter().GetResult());

    [GlobalSetup(Target = GatewayFullCase)]
    public void SetupGatewayFull() => Broker = WarmUp(GatewayBroker.StartAsync("Full").GetAwaiter().GetResult());

    [GlobalSetup(Target = GatewayNormalCase)]
    public void SetupGatewayNormal() => Broker = WarmUp(GatewayBroker.StartAsync("Normal").GetAwaiter().GetResult());

    [GlobalSetup(Target = GatewayFullAckDelayCase)]
    public void SetupGatewayFullAckDelay() => Broker = WarmUp(GatewayBroker.StartAsync("Full", AckCommitDelay).GetAwaiter().GetResult());

    [GlobalSetup(Target = BusClientFullCase)]
    public void SetupBusClientFull() => Broker = WarmUp(BusClientBroker.StartAsync("Full").GetAwaiter().GetResult());

    /// <summary>
    /// Runs the throughput work for <see cref="s_steadyStateWarmup"/> (at most 100 rounds of 2,000 records) on a freshly
    /// started broker, so both sides are measured in steady state: a fresh <c>Prom.Bus.Server</c> runs its first tens of
    /// thousands of records in tier-0 and instrumented JIT code (the probe: about 8,000 records/s for the first 20,000,
    /// then about twice that once tiered up), which BenchmarkDotNet's two warm-up iterations of the throughput class
    /// (4,000 records) and 50 of the round trip do not cover. JetStream (Go) needs none, and gets the same.
    /// </summary>
    private static IBrokerUnderTest WarmUp(IBrokerUnderTest broker)
    {
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < 100 && clock.Elapsed < s_steadyStateWarmup; round++)
        {
            BrokerWork.PublishAndDrainAsync(broker, 2_000).GetAwaiter().GetResult();
        }

        return broker;
    }

    [GlobalCleanup]
    public void Cleanup() => Broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
