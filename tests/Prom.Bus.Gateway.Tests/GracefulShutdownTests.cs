using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>Graceful shutdown of the gateway inside its host.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_closes_connections_with_1001_and_gives_open_deliveries_back_uncounted()
    {
        GatewayHost host = await GatewayHost.StartAsync();
        EventBus bus = host.Bus;
        WireClient c = await host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "stop.jobs", group = "w", opts = new { ack_timeout_ms = 600_000 } })).AssertOk();
        string id = (await c.RequestAsync(new { op = "PUBLISH", topic = "stop.jobs", payload = 1 })).AssertOk().Str("id");
        await c.NextEventAsync();

        Task stopping = host.App.StopAsync();
        await c.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, c.CloseStatus);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        // The open delivery went back without counting the attempt: the next member gets attempt 1 again, at once.
        await using Subscription next = await bus.SubscribeAsync("stop.jobs", "w");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Delivery d = await next.ReceiveAsync(cts.Token);
        Assert.Equal(id, d.Record.Id);
        Assert.Equal(1, d.Attempt);
        await c.DisposeAsync();
        await host.App.DisposeAsync();
    }
}
