using System;
using System.Linq;
using System.Net.WebSockets;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prom.Bus.Gateway.Connections;

namespace Prom.Bus.Gateway;

/// <summary>Maps the gateway's WebSocket endpoint.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the WebSocket endpoint at <paramref name="pattern"/> (for example <c>/bus</c>). Requires
    /// <c>app.UseWebSockets()</c> earlier in the pipeline (<see cref="UsePromBusGateway"/> does both). A plain HTTP
    /// request gets 400, an upgrade that does not offer <see cref="GatewayProtocol.SubProtocol"/> gets 400 naming it,
    /// and while the host stops new upgrades get 503.
    /// </summary>
    public static IEndpointConventionBuilder MapPromBusGateway(this IEndpointRouteBuilder endpoints, string pattern = "/bus")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        GatewayServices services = endpoints.ServiceProvider.GetRequiredService<GatewayServices>();
        _ = endpoints.ServiceProvider.GetRequiredService<OpsHttp.BusCounters>(); // /stats totals count from the start
        IHostApplicationLifetime lifetime = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(services.Connections.BeginShutdown);
        return endpoints.Map(pattern, context => AcceptAsync(context, services));
    }

    /// <summary><c>app.UseWebSockets()</c> with the gateway's keep-alive, then <see cref="MapPromBusGateway"/>.</summary>
    public static IEndpointConventionBuilder UsePromBusGateway(this WebApplication app, string pattern = "/bus")
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(30) });
        return app.MapPromBusGateway(pattern);
    }

    private static async Task AcceptAsync(HttpContext context, GatewayServices services)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"This is the Prom.Bus WebSocket endpoint: connect with the subprotocol '{GatewayProtocol.SubProtocol}'.").ConfigureAwait(false);
            return;
        }

        if (services.Connections.IsStopping)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(GatewayProtocol.SubProtocol, StringComparer.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(
                $"Unsupported protocol version: offer the WebSocket subprotocol '{GatewayProtocol.SubProtocol}' (offered: '{string.Join(", ", context.WebSockets.WebSocketRequestedProtocols)}').").ConfigureAwait(false);
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = GatewayProtocol.SubProtocol,
            DangerousEnableCompression = false,
        }).ConfigureAwait(false);
        string remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        await new GatewayConnection(services, socket, remote).RunAsync().ConfigureAwait(false);
    }
}
