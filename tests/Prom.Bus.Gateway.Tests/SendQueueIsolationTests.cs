using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// A client that never reads its socket (docs/gateway.md, "Slow clients never block others"): its send queue fills,
/// delivery to it pauses, what the server holds for it stays bounded, the records it does not hold go to the other
/// member of its group, other connections are served as usual, and closing it gives its deliveries back to the group.
/// Every step waits (bounded) for a protocol observable: EVENTs, OKs and <c>GET /connections</c>.
/// </summary>
public sealed class SendQueueIsolationTests
{
    private const int SendQueueEvents = 4;
    private const int PayloadBytes = 512 * 1024;
    private const int PerBatch = 24;
    private const string Topic = "isolation.blobs";
    private const string Group = "workers";

    [Fact]
    public async Task ClientThatNeverReads_PausesOnlyItself_StaysBounded_AndItsLeasesComeBackWhenClosed()
    {
        await using GatewayHost host = await GatewayHost.StartAsync(g => g.SendQueueEvents = SendQueueEvents);
        using var ops = new HttpClient { BaseAddress = host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminToken);
        string blob = new('x', PayloadBytes);

        // The first batch is stored before anyone subscribes: the stalled member's first claim takes all of it ahead.
        await using WireClient publisher = await host.ConnectAsync();
        for (int i = 0; i < PerBatch; i++)
        {
            (await publisher.RequestAsync(new { op = "PUBLISH", topic = Topic, payload = new { i, blob } })).AssertOk();
        }

        // The stalled member authenticates with the admin token (principal "ops") so /connections tells it apart.
        using var stalledHandler = new SocketsHttpHandler { ConnectCallback = ConnectWithTinyReceiveBufferAsync };
        using var stalled = new ClientWebSocket();
        stalled.Options.AddSubProtocol(GatewayProtocol.SubProtocol);
        stalled.Options.KeepAliveInterval = TimeSpan.Zero;
        using (var connect = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await stalled.ConnectAsync(host.WebSocketUri, new HttpMessageInvoker(stalledHandler, disposeHandler: false), connect.Token);
        }

        await SendAsync(stalled, new { op = "AUTH", token = GatewayHost.AdminToken });
        await SendAsync(stalled, new { op = "SUBSCRIBE", topic = Topic, group = Group, opts = new { from = "earliest", max_inflight = 1000, ack_timeout_ms = 600_000 } });
        // From here on it never reads a byte.
        await UntilAsync(async () => await StalledOpenAsync(ops) is not null, "the stalled member's subscription in GET /connections");

        // Alone in the group, it is sent records until its send queue is full, and delivery to it stops there.
        await UntilAsync(async () => await StalledOpenAsync(ops) >= SendQueueEvents, $"the stalled member holding {SendQueueEvents} EVENTs");

        // Another member of the same group, and other connections, are served as usual.
        await using WireClient worker = await host.ConnectAsync();
        (await worker.RequestAsync(new { op = "SUBSCRIBE", topic = Topic, group = Group, opts = new { max_inflight = 100 } })).AssertOk();
        var received = new ConcurrentDictionary<string, int>(); // id → attempt
        using var stopWorker = new CancellationTokenSource();
        Task working = WorkAsync(worker, received, stopWorker.Token);
        for (int i = PerBatch; i < 2 * PerBatch; i++)
        {
            (await publisher.RequestAsync(new { op = "PUBLISH", topic = Topic, payload = new { i, blob } })).AssertOk();
        }

        await using (WireClient other = await host.ConnectAsync())
        {
            Assert.Equal("PONG", (await other.RequestAsync(new { op = "PING" })).Op);
        }

        // Every record is either held by the stalled member or worked by the other one: nothing is stuck in a
        // look-ahead of the paused connection.
        int held = 0;
        await UntilAsync(async () =>
        {
            held = await StalledOpenAsync(ops) ?? 0;
            return held + received.Count == 2 * PerBatch;
        }, "every record held by the stalled member or received by the worker");

        // Bounded: its send queue, a frame being written, and what the kernel's socket buffers take.
        int bound = SendQueueEvents + 2 + (int)Math.Ceiling((double)MaxTcpSendBufferBytes() / PayloadBytes);
        Assert.InRange(held, SendQueueEvents, bound);
        Assert.True(2 * PerBatch - held >= PerBatch, $"the worker got only {2 * PerBatch - held} records");
        Assert.All(received.Values, attempt => Assert.Equal(1, attempt));

        // Closing the stalled connection gives its open deliveries back to the group at once (attempt counted).
        stalled.Abort();
        await UntilAsync(() => Task.FromResult(received.Count == 2 * PerBatch), "the stalled member's records redelivered to the worker");
        Assert.Equal(held, received.Values.Count(attempt => attempt == 2));
        await UntilAsync(async () => (await host.Bus.GetGroupStateAsync(Topic, Group)).Sum(p => p.Watermark) == 2 * PerBatch,
            "every record settled by the group");
        await stopWorker.CancelAsync();
        await working;
    }

    /// <summary>Acks every EVENT and notes its attempt, until stopped.</summary>
    private static async Task WorkAsync(WireClient worker, ConcurrentDictionary<string, int> received, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            WireFrame ev;
            try
            {
                ev = await worker.Events.Reader.ReadAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            string id = ev.Root.GetProperty("event").GetProperty("id").GetString()!;
            received[id] = ev.Root.GetProperty("ctx").GetProperty("attempt").GetInt32();
            (await worker.RequestAsync(new { op = "ACK", topic = Topic, group = Group, id })).AssertOk();
        }
    }

    /// <summary>The open EVENTs of the stalled member's subscription (GET /connections), or null before it subscribed.</summary>
    private static async Task<int?> StalledOpenAsync(HttpClient ops)
    {
        using JsonDocument doc = JsonDocument.Parse(await ops.GetStringAsync("/connections"));
        foreach (JsonElement c in doc.RootElement.EnumerateArray().Where(c => c.GetProperty("principal").GetString() == "ops"))
        {
            foreach (JsonElement s in c.GetProperty("subscriptions").EnumerateArray())
            {
                if (s.GetProperty("topic").GetString() == Topic)
                {
                    return s.GetProperty("open").GetInt32();
                }
            }
        }

        return null;
    }

    private static async Task SendAsync(ClientWebSocket socket, object frame)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame)), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>A socket whose receive buffer is as small as the kernel allows, so the server's writes back up quickly.</summary>
    private static async ValueTask<Stream> ConnectWithTinyReceiveBufferAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The largest TCP send buffer the kernel grows a socket to (Linux tcp_wmem max; 4 MiB when unknown).</summary>
    private static long MaxTcpSendBufferBytes()
    {
        const string path = "/proc/sys/net/ipv4/tcp_wmem";
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Last(), out long max)
            ? max
            : 4L * 1024 * 1024;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Waited 60 s for {what}.");
            }
        }
    }
}
