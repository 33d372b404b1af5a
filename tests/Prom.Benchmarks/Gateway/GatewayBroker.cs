using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// The ready server (<c>Prom.Bus.Server</c>, the <c>prom-bus</c> tool) as a child process on 127.0.0.1 with a fresh
/// SQLite file, reached over WebSocket by one publisher and <see cref="BrokerWork.Consumers"/> consumer connections.
/// The publish rate limit is off (it is a per-connection guard, not part of the work measured).
/// </summary>
internal sealed class GatewayBroker : IBrokerUnderTest
{
    private const string Token = "bench-token";
    private const string Topic = "bench.gateway";
    private const string Group = "workers";

    private readonly string _dir;
    private readonly ChildProcess _server;
    private readonly List<WireConnection> _consumers = [];
    private readonly List<Task> _ackLoops = [];
    private WireConnection _publisher = null!;

    private GatewayBroker(string dir, ChildProcess server)
    {
        _dir = dir;
        _server = server;
    }

    public AckLatch Acked { get; } = new();

    /// <summary>The server child's process id.</summary>
    public int ServerProcessId => _server.Id;

    /// <summary>Starts the server with SQLite durability <paramref name="durability"/> (<c>Full</c> or <c>Normal</c>) and connects.</summary>
    public static async Task<GatewayBroker> StartAsync(string durability)
    {
        string dir = Directory.CreateTempSubdirectory("prom-bench-gateway-").FullName;
        ChildProcess server = ChildProcess.Start(DotnetHost(), "Now listening on: ", TimeSpan.FromSeconds(60),
            "exec", ServerDll(), "--urls", "http://127.0.0.1:0",
            "--Store:Path", Path.Combine(dir, "bus.db"), "--Store:Durability", durability,
            "--Bus:DefaultPartitions", "4",
            "--Gateway:PublishRatePerSecond", "0",
            "--Gateway:Tokens:0:Token", Token, "--Gateway:Tokens:0:Name", "bench",
            "--Gateway:Tokens:0:Scopes:0", "publish:*", "--Gateway:Tokens:0:Scopes:1", "subscribe:*",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        var broker = new GatewayBroker(dir, server);
        try
        {
            string http = server.ReadyLine[(server.ReadyLine.IndexOf("http://", StringComparison.Ordinal))..].Trim();
            var ws = new Uri(http.Replace("http://", "ws://", StringComparison.Ordinal) + "/bus");
            broker._publisher = await WireConnection.ConnectAsync(ws, Token).ConfigureAwait(false);
            await broker._publisher.PublishAsync(Topic, BrokerWork.Payload).ConfigureAwait(false); // creates the topic (4 partitions)
            for (int i = 0; i < BrokerWork.Consumers; i++)
            {
                var ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                WireConnection consumer = await WireConnection.ConnectAsync(ws, Token, (_, _, id) => ids.Writer.TryWrite(id)).ConfigureAwait(false);
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
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
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

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The server next to the benchmark binaries (a project reference), else the repository's Release build.</summary>
    private static string ServerDll()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "Prom.Bus.Server.dll");
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
        {
            return local;
        }

        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            string built = Path.Combine(d, "runtime", "Prom.Bus.Server", "bin", "Release", "net10.0", "Prom.Bus.Server.dll");
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException("Prom.Bus.Server.dll not found next to the benchmark nor under runtime/Prom.Bus.Server/bin/Release: build it with `dotnet build runtime/Prom.Bus.Server -c Release`.");
    }
}
