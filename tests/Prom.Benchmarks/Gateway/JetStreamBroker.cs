using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// The peer: Debian's <c>nats-server -js</c> (2.9) as a child process on 127.0.0.1 with a fresh store directory, a
/// file-backed stream, and one durable pull consumer with explicit acks shared by <see cref="BrokerWork.Consumers"/>
/// consumers, each on its own connection (as each gateway consumer has its own WebSocket). Each ack is a double ack:
/// the consumer waits for the server to confirm it, as a gateway consumer waits for its ACK's OK.
/// </summary>
internal sealed class JetStreamBroker : IBrokerUnderTest
{
    private const string Stream = "BENCH";
    private const string Subject = "bench.jetstream";
    private const string Durable = "workers";

    private readonly string _dir;
    private readonly ChildProcess _server;
    private readonly List<NatsConnection> _connections = [];
    private readonly List<Task> _consumeLoops = [];
    private readonly CancellationTokenSource _stop = new();
    private NatsJSContext _publisher = null!;

    private JetStreamBroker(string dir, ChildProcess server)
    {
        _dir = dir;
        _server = server;
    }

    public AckLatch Acked { get; } = new();

    public int ServerProcessId => _server.Id;

    public static async Task<JetStreamBroker> StartAsync()
    {
        string dir = Directory.CreateTempSubdirectory("prom-bench-nats-").FullName;
        int port = FreePort();
        ChildProcess server = ChildProcess.Start(NatsServer(), "Server is ready", TimeSpan.FromSeconds(30),
            "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", dir);
        var broker = new JetStreamBroker(dir, server);
        try
        {
            var opts = new NatsOpts { Url = $"nats://127.0.0.1:{port}", Name = "prom-bench" };
            NatsConnection publisher = broker.Connect(opts);
            broker._publisher = new NatsJSContext(publisher);
            await broker._publisher.CreateStreamAsync(new StreamConfig(Stream, [Subject]) { Storage = StreamConfigStorage.File }).ConfigureAwait(false);
            await broker._publisher.CreateOrUpdateConsumerAsync(Stream, new ConsumerConfig(Durable)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                DeliverPolicy = ConsumerConfigDeliverPolicy.New,
                AckWait = TimeSpan.FromSeconds(30),
                MaxAckPending = BrokerWork.Consumers * BrokerWork.ConsumerWindow,
            }).ConfigureAwait(false);
            for (int i = 0; i < BrokerWork.Consumers; i++)
            {
                var js = new NatsJSContext(broker.Connect(opts));
                INatsJSConsumer consumer = await js.GetConsumerAsync(Stream, Durable).ConfigureAwait(false);
                broker._consumeLoops.Add(Task.Run(() => broker.ConsumeAsync(consumer)));
            }

            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PublishAsync()
    {
        PubAckResponse ack = await _publisher.PublishAsync(Subject, BrokerWork.Payload).ConfigureAwait(false);
        ack.EnsureSuccess();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_consumeLoops).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or NatsException)
        {
        }

        foreach (NatsConnection c in _connections)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        _server.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private NatsConnection Connect(NatsOpts opts)
    {
        var c = new NatsConnection(opts);
        _connections.Add(c);
        return c;
    }

    /// <summary>Pull (up to <see cref="BrokerWork.ConsumerWindow"/> buffered) → double ack → signal, one at a time.</summary>
    private async Task ConsumeAsync(INatsJSConsumer consumer)
    {
        var opts = new NatsJSConsumeOpts { MaxMsgs = BrokerWork.ConsumerWindow };
        try
        {
            await foreach (NatsJSMsg<byte[]> msg in consumer.ConsumeAsync<byte[]>(opts: opts, cancellationToken: _stop.Token).ConfigureAwait(false))
            {
                await msg.AckAsync(new AckOpts { DoubleAck = true }, _stop.Token).ConfigureAwait(false);
                Acked.Signal();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static string NatsServer()
    {
        foreach (string path in new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server" })
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("nats-server is not installed: run tests/Prom.Benchmarks/Gateway/run-gateway-vs-jetstream.sh (installs Debian's nats-server).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
