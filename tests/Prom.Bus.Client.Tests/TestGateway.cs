using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prom.Bus.Client;
using Prom.Bus.Gateway;
using Prom.Bus.Gateway.Security;
using Prom.Bus.Sqlite;
using Prom.Testing.Network;

namespace Prom.Bus.Client.Tests;

/// <summary>
/// The gateway on a real Kestrel at 127.0.0.1 over a SQLite file, on a fixed port so that it can be stopped and started
/// again at the same address (the client's reconnect tests). Tokens: <see cref="Token"/> (publish and subscribe anything),
/// <see cref="AdminToken"/> (also the ops endpoints).
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    public const string Token = "client-test-token";
    public const string AdminToken = "client-admin-token";

    private WebApplication? _app;

    private TestGateway(string dbPath, int port)
    {
        DbPath = dbPath;
        Port = port;
    }

    public string DbPath { get; }

    public int Port { get; private set; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/bus");

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public EventBus Bus => _app!.Services.GetRequiredService<EventBus>();

    public static async Task<TestGateway> StartAsync(int defaultPartitions = 1)
    {
        string db = Path.Combine(Path.GetTempPath(), $"prom-client-{Guid.NewGuid():N}.db");
        var gateway = new TestGateway(db, FreePort()) { _defaultPartitions = defaultPartitions };
        // FreePort's port is only free when it is asked for: a test running in parallel can take it (as an outgoing
        // connection's ephemeral port) before Kestrel binds it. The first start then moves to another free port.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await gateway.StartAgainAsync();
                return gateway;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                gateway.Port = FreePort();
            }
        }
    }

    private int _defaultPartitions;

    /// <summary>Starts the server (again) on the same port and database file.</summary>
    public async Task StartAgainAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        builder.Services.AddPromBus(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.DefaultPartitions = _defaultPartitions;
        }).UseSqlite(DbPath);
        builder.Services.AddPromBusGateway(o =>
        {
            o.Tokens.Add(new GatewayToken { Token = Token, Name = "client-tests", Scopes = ["publish:*", "subscribe:*"] });
            o.Tokens.Add(new GatewayToken { Token = AdminToken, Name = "client-ops", Scopes = ["admin", "publish:*", "subscribe:*"] });
        });
        WebApplication app = builder.Build();
        app.UsePromBusGateway("/bus");
        app.MapPromBusOps();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
    }

    /// <summary>Stops the server: connections close, the port is free again.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public BusClientOptions ClientOptions(string token = Token) => new()
    {
        Url = WebSocketUri,
        Token = token,
        DefaultPartitions = _defaultPartitions,
        RequestTimeout = TimeSpan.FromSeconds(20),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>A client of this gateway, connected directly or through <paramref name="through"/>.</summary>
    public BusClient Client(string token = Token, CuttableProxy? through = null)
    {
        BusClientOptions options = ClientOptions(token);
        if (through is not null)
        {
            options.Url = through.WebSocketUri;
        }

        return new BusClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (string file in new[] { DbPath, DbPath + "-wal", DbPath + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
