using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Client;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// The ready server (<see cref="ReadyServerProcess"/>) driven the way a .NET service uses it: one <see cref="BusClient"/>
/// publishing and <see cref="BrokerWork.Consumers"/> <see cref="BusClient"/>s (a connection each) receiving with
/// <c>ReceiveAsync</c> and acking with <c>AckAsync</c>, which returns once the gateway's OK says the ack is committed.
/// </summary>
internal sealed class BusClientBroker : IBrokerUnderTest
{
    private const string Topic = "bench.busclient";
    private const string Group = "workers";

    private readonly ReadyServerProcess _server;
    private readonly List<BusClient> _clients = [];
    private readonly List<Task> _consumeLoops = [];
    private readonly CancellationTokenSource _stop = new();
    private BusClient _publisher = null!;

    private BusClientBroker(ReadyServerProcess server)
    {
        _server = server;
    }

    public AckLatch Acked { get; } = new();

    public int ServerProcessId => _server.ProcessId;

    /// <summary>Starts the server with SQLite durability <paramref name="durability"/> and connects the clients.</summary>
    public static async Task<BusClientBroker> StartAsync(string durability)
    {
        var broker = new BusClientBroker(ReadyServerProcess.Start(durability));
        try
        {
            broker._publisher = broker.Client();
            await broker._publisher.PublishAsync(new PublishRequest(Topic, BrokerWork.Payload)).ConfigureAwait(false); // creates the topic
            for (int i = 0; i < BrokerWork.Consumers; i++)
            {
                BusClientSubscription sub = await broker.Client()
                    .SubscribeAsync(Topic, Group, new SubscriptionOptions { MaxInFlight = BrokerWork.ConsumerWindow }).ConfigureAwait(false);
                broker._consumeLoops.Add(Task.Run(() => broker.ConsumeAsync(sub)));
            }

            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task PublishAsync() => _publisher.PublishAsync(new PublishRequest(Topic, BrokerWork.Payload)).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (BusClient c in _clients)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        _server.Dispose();
        _stop.Dispose();
    }

    private BusClient Client()
    {
        var client = new BusClient(new BusClientOptions { Url = _server.WebSocket, Token = ReadyServerProcess.Token, DefaultPartitions = 4 });
        _clients.Add(client);
        return client;
    }

    /// <summary>Receive → ack (returns after the gateway's OK) → signal, one record at a time per consumer.</summary>
    private async Task ConsumeAsync(BusClientSubscription sub)
    {
        try
        {
            while (true)
            {
                IBusDelivery delivery = await sub.ReceiveAsync(_stop.Token).ConfigureAwait(false);
                await delivery.AckAsync(_stop.Token).ConfigureAwait(false);
                Acked.Signal();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or BusException)
        {
            // stopped at dispose
        }
    }
}
