using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prom.Bus;
using Prom.Bus.Gateway;
using Prom.Bus.Gateway.Security;
using Prom.Generated;

namespace Prom.Topics.Gateway.Tests;

/// <summary>
/// A real Kestrel gateway on 127.0.0.1 (ephemeral port) over an in-memory bus, with the Fleet topics registered
/// (<c>AddPromTopics()</c>, generated) and the [Topic] schema policy in front of it.
/// </summary>
internal sealed class TopicGatewayHost : IAsyncDisposable
{
    public const string Token = "fleet-token";

    private TopicGatewayHost(WebApplication app, Uri ws)
    {
        App = app;
        Url = ws;
    }

    public WebApplication App { get; }

    /// <summary>The WebSocket endpoint, e.g. <c>ws://127.0.0.1:40123/bus</c>.</summary>
    public Uri Url { get; }

    /// <summary>The port Kestrel listens on, for a relay in front of it.</summary>
    public int Port => Url.Port;

    public EventBus Bus => App.Services.GetRequiredService<EventBus>();

    public static async Task<TopicGatewayHost> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPromBus(o => o.PollInterval = TimeSpan.FromMilliseconds(20));
        builder.Services.AddPromTopics();
        builder.Services.AddPromTopicsGatewayPolicy();
        builder.Services.AddPromBusGateway(o => o.Tokens.Add(new GatewayToken { Token = Token, Name = "fleet", Scopes = ["publish:*", "subscribe:*"] }));
        WebApplication app = builder.Build();
        app.UsePromBusGateway("/bus");
        await app.StartAsync();
        var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new TopicGatewayHost(app, new Uri($"ws://{http.Host}:{http.Port}/bus"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
