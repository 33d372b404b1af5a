using System;
using System.Linq;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// One broker in the gateway-vs-JetStream comparison: a publisher connection and ten consumer connections of one
/// group, each consumer receiving a record, acking it, waiting for the broker to confirm the ack, and signalling the
/// <see cref="AckLatch"/>.
/// </summary>
internal interface IBrokerUnderTest : IAsyncDisposable
{
    /// <summary>Signalled once per confirmed ack.</summary>
    AckLatch Acked { get; }

    /// <summary>Publishes one record; returns when the broker confirmed it stored.</summary>
    Task PublishAsync();

    /// <summary>The broker's server child process (for the probe's CPU accounting and a profiler).</summary>
    int ServerProcessId { get; }
}

internal static class BrokerWork
{
    /// <summary>Consumers in the group, as the issue asks.</summary>
    public const int Consumers = 10;

    /// <summary>Unacked deliveries per consumer (gateway <c>max_inflight</c>, JetStream <c>MaxMsgs</c> of a pull).</summary>
    public const int ConsumerWindow = 32;

    /// <summary>Publishes awaiting their confirmation at once, on the one publisher connection.</summary>
    public const int PublishWindow = 100;

    /// <summary>The payload of every record (the bus benchmarks' heartbeat).</summary>
    public static readonly byte[] Payload = """{"pid":1234,"name":"stt","host":"bench","cpu_pct":12.5}"""u8.ToArray();

    /// <summary>Publishes <paramref name="records"/> through <see cref="PublishWindow"/> concurrent publishers and waits until all are acked.</summary>
    public static async Task PublishAndDrainAsync(IBrokerUnderTest broker, int records)
    {
        Task drained = broker.Acked.Arm(records);
        int perPublisher = records / PublishWindow;
        await Task.WhenAll(Enumerable.Range(0, PublishWindow).Select(async _ =>
        {
            for (int i = 0; i < perPublisher; i++)
            {
                await broker.PublishAsync().ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        await drained.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    /// <summary>One record: publish, then wait until a consumer's ack is confirmed.</summary>
    public static async Task RoundTripAsync(IBrokerUnderTest broker)
    {
        Task acked = broker.Acked.Arm(1);
        await broker.PublishAsync().ConfigureAwait(false);
        await acked.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }
}
