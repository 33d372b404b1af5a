using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port, running the gateway over an in-memory bus (or a store the
/// test registers). Tokens: <see cref="Token"/> (everything), <see cref="PublishOnlyToken"/> (publish orders.* only).
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string Token = "test-token";
    public const string PublishOnlyToken = "publish-only";
    public const string AdminToken = "admin-token";

    private GatewayHost(WebApplication app, Uri ws, Uri http)
    {
        App = app;
        WebSocketUri = ws;
        HttpUri = http;
    }

    public WebApplication App { get; }

    public Uri WebSocketUri { get; }

    public Uri HttpUri { get; }

    public EventBus Bus => App.Services.GetRequiredService<EventBus>();

    public static async Task<GatewayHost> StartAsync(Action<GatewayOptions>? gateway = null, Action<IServiceCollection>? services = null,
        Action<BusOptions>? bus = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("PROM_GATEWAY_TEST_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole(); // debugging aid: server logs on the test console
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);
        builder.Services.AddPromBus(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            bus?.Invoke(o);
        });
        builder.Services.AddPromBusGateway(o =>
        {
            o.Tokens.Add(new GatewayToken { Token = Token, Name = "tester", Scopes = ["publish:*", "subscribe:*"] });
            o.Tokens.Add(new GatewayToken { Token = PublishOnlyToken, Name = "publisher", Scopes = ["publish:orders.*"] });
            o.Tokens.Add(new GatewayToken { Token = AdminToken, Name = "ops", Scopes = ["admin", "publish:*", "subscribe:*"] });
            gateway?.Invoke(o);
        });
        WebApplication app = builder.Build();
        app.UsePromBusGateway("/bus");
        app.MapPromBusOps();
        app.MapPromBusDashboard("/dashboard");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new Uri(address);
        return new GatewayHost(app, new Uri($"ws://{http.Host}:{http.Port}/bus"), http);
    }

    public async Task<WireClient> ConnectAsync(string? token = Token)
    {
        WireClient client = await WireClient.ConnectAsync(WebSocketUri);
        if (token is not null)
        {
            WireFrame ok = await client.RequestAsync(new { op = "AUTH", token });
            ok.AssertOk();
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
