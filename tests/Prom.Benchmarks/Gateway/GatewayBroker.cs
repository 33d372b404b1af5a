using System;
using System.Collections.Generic;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// The ready server (<see cref="ReadyServerProcess"/>) reached over WebSocket by one publisher and
/// <see cref="BrokerWork.Consumers"/> consumer connections of the minimal raw protocol driver (<see cref="WireConnection"/>):
/// the server's cost with as little client in the way as possible.
/// </summary>
internal sealed class GatewayBroker : IBrokerUnderTest
{
    private const string Topic = "bench.gateway";
    private const string Group = "workers";

    private readonly ReadyServerProcess _server;
    private readonly List<WireConnection> _consumers = [];
    private readonly List<Task> _ackLoops = [];
    private WireConnection _publisher = null!;

    private GatewayBroker(ReadyServerProcess server)
    {
        _server = server;
    }

    public AckLatch Acked { get; } = new();

    /// <summary>The server child's process id.</summary>
    public int ServerProcessId => _server.ProcessId;

    /// <summary>Starts the server with SQLite durability <paramref name="durability"/> (<c>Full</c> or <c>Normal</c>) and connects.</summary>
    public static async Task<GatewayBroker> StartAsync(string durability, string ackCommitDelay = "00:00:00")
    {
        var broker = new GatewayBroker(ReadyServerProcess.Start(durability, ackCommitDelay));
        try
        {
            Uri ws = broker._server.WebSocket;
            broker._publisher = await WireConnection.ConnectAsync(ws, ReadyServerProcess.Token).ConfigureAwait(false);
            await broker._publisher.PublishAsync(Topic, BrokerWork.Payload).ConfigureAwait(false); // creates the topic (4 partitions)
            for (int i = 0; i < BrokerWork.Consumers; i++)
            {
                var ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                WireConnection consumer = await WireConnection.ConnectAsync(ws, ReadyServerProcess.Token, (_, _, id) => ids.Writer.TryWrite(id)).ConfigureAwait(false);
                await consumer.SubscribeAsync(Topic, Group, BrokerWork.ConsumerWindow).ConfigureAwait(false);
                broker._consumers.Add(consumer);
                broker._ackLoops.Add(Task.Run(() => broker.AckLoopAsync(consumer, ids.Reader)));
            }

            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task PublishAsync() => _publisher.PublishAsync(Topic, BrokerWork.Payload);

    public async ValueTask DisposeAsync()
    {
        foreach (WireConnection c in _consumers)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        if (_publisher is not null)
        {
            await _publisher.DisposeAsync().ConfigureAwait(false);
        }

        _server.Dispose();
    }

    /// <summary>Receive → ACK → wait for its OK (the ack is committed) → signal, one record at a time per consumer.</summary>
    private async Task AckLoopAsync(WireConnection consumer, ChannelReader<string> ids)
    {
        try
        {
            await foreach (string id in ids.ReadAllAsync().ConfigureAwait(false))
            {
                await consumer.AckAsync(Topic, Group, id).ConfigureAwait(false);
                Acked.Signal();
            }
        }
        catch (InvalidOperationException)
        {
            // the connection closed at dispose
        }
    }
}
