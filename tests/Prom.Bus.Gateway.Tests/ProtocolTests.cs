using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>The ops of docs/gateway.md end to end over a real socket: what a client in any language relies on.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Publish_subscribe_event_ack_round_trip_settles_the_record()
    {
        await using WireClient c = await _host.ConnectAsync();
        WireFrame sub = await c.RequestAsync(new { op = "SUBSCRIBE", topic = "orders.created", group = "billing", opts = new { from = "earliest", max_inflight = 8 } });
        sub.AssertOk();
        Assert.Equal("orders.created", sub.Str("topic"));

        WireFrame ok = await c.RequestAsync(new
        {
            op = "PUBLISH", topic = "orders.created", key = "order-42", payload = new { amount = 12.5, items = new[] { "a" } },
            headers = new Dictionary<string, string> { ["x-source"] = "test" },
        });
        ok.AssertOk();
        string id = ok.Str("id");
        Assert.Equal(1, ok.Num("offset"));
        Assert.Equal(0, ok.Num("partition"));

        WireFrame ev = await c.NextEventAsync();
        Assert.Equal("orders.created", ev.Str("topic"));
        Assert.Equal("billing", ev.Str("group"));
        JsonElement record = ev.Root.GetProperty("event");
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal("order-42", record.GetProperty("key").GetString());
        Assert.Equal(12.5, record.GetProperty("payload").GetProperty("amount").GetDouble());
        Assert.Equal("test", record.GetProperty("headers").GetProperty("x-source").GetString());
        Assert.Equal(1, ev.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        long deadline = ev.Root.GetProperty("ctx").GetProperty("ack_deadline_ms").GetInt64();
        Assert.InRange(deadline, 1, 30_000);

        WireFrame ack = await c.RequestAsync(new { op = "ACK", topic = "orders.created", group = "billing", id });
        Assert.Equal("settled", ack.AssertOk().Str("outcome"));
        IReadOnlyList<GroupPartitionState> state = await _host.Bus.GetGroupStateAsync("orders.created", "billing");
        Assert.Equal(1, state.Single().Watermark);

        // A second ACK of the same id is refused: the connection no longer holds it.
        (await c.RequestAsync(new { op = "ACK", topic = "orders.created", group = "billing", id })).AssertErr("unknown_delivery");
    }

    [Fact]
    public async Task Publish_ok_echoes_corr_of_any_supported_type_and_a_retried_id_is_stored_once()
    {
        await using WireClient c = await _host.ConnectAsync();
        await c.SendTextAsync("""{"op":"PING","corr":17}""");
        WireFrame pong = await c.NextOtherAsync();
        Assert.Equal("PONG", pong.Op);
        Assert.Equal(17, pong.Root.GetProperty("corr").GetInt64());

        string id = Guid.CreateVersion7().ToString();
        WireFrame first = (await c.RequestAsync(new { op = "PUBLISH", topic = "orders.paid", id, payload = 1 })).AssertOk();
        WireFrame again = (await c.RequestAsync(new { op = "PUBLISH", topic = "orders.paid", id, payload = 1 })).AssertOk();
        Assert.Equal(first.Num("offset"), again.Num("offset"));
        Assert.Equal(id, again.Str("id"));
        await using Subscription s = await _host.Bus.SubscribeAsync("orders.paid", "count");
        Assert.Equal(1, (await _host.Bus.GetGroupStateAsync("orders.paid", "count")).Sum(p => p.Head));
    }

    [Fact]
    public async Task Every_op_but_auth_and_ping_needs_auth_and_bad_tokens_close_the_connection()
    {
        await using WireClient c = await _host.ConnectAsync(token: null);
        (await c.RequestAsync(new { op = "PING" })).Root.GetProperty("ts").GetInt64();
        foreach (string op in new[] { "PUBLISH", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK", "RELEASE", "MODACK", "PAUSE", "RESUME", "FLOW" })
        {
            (await c.RequestAsync(new { op, topic = "orders.created", group = "g", payload = 1 })).AssertErr("unauthorized");
        }

        (await c.RequestAsync(new { op = "AUTH", token = "wrong" })).AssertErr("auth_failed");
        (await c.RequestAsync(new { op = "AUTH" })).AssertErr("missing_field");
        (await c.RequestAsync(new { op = "AUTH", token = "still wrong" })).AssertErr("auth_failed");
        (await c.RequestAsync(new { op = "AUTH", token = "third" })).AssertErr("auth_failed");
        await c.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, c.CloseStatus);
    }

    [Fact]
    public async Task Scopes_limit_publish_topics_and_subscriptions()
    {
        await using WireClient c = await _host.ConnectAsync(GatewayHost.PublishOnlyToken);
        (await c.RequestAsync(new { op = "PUBLISH", topic = "orders.created", payload = 1 })).AssertOk();
        WireFrame denied = (await c.RequestAsync(new { op = "PUBLISH", topic = "payments.created", payload = 1 })).AssertErr("forbidden");
        Assert.Equal("topic", denied.Str("field"));
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "orders.created", group = "g" })).AssertErr("forbidden");
        (await c.RequestAsync(new { op = "AUTH", token = GatewayHost.Token })).AssertErr("already_authenticated");
    }

    [Fact]
    public async Task The_subprotocol_carries_the_version_and_plain_http_is_refused()
    {
        await Assert.ThrowsAsync<WebSocketException>(() => WireClient.ConnectAsync(_host.WebSocketUri, subProtocol: null));
        await Assert.ThrowsAsync<WebSocketException>(() => WireClient.ConnectAsync(_host.WebSocketUri, subProtocol: "prom-bus.v0"));
        await using WireClient c = await WireClient.ConnectAsync(_host.WebSocketUri);
        Assert.Equal(GatewayProtocol.SubProtocol, c.Socket.SubProtocol);
        using var http = new HttpClient();
        HttpResponseMessage plain = await http.GetAsync(new Uri(_host.HttpUri, "/bus"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    [Fact]
    public async Task Field_errors_name_the_field()
    {
        await using WireClient c = await _host.ConnectAsync();
        Assert.Equal("topic", (await c.RequestAsync(new { op = "PUBLISH", payload = 1 })).AssertErr("missing_field").Str("field"));
        Assert.Equal("payload", (await c.RequestAsync(new { op = "PUBLISH", topic = "a.b" })).AssertErr("missing_field").Str("field"));
        Assert.Equal("partition", (await c.RequestAsync(new { op = "PUBLISH", topic = "a.b", payload = 1, partition = "x" })).AssertErr("invalid_field").Str("field"));
        Assert.Equal("partition", (await c.RequestAsync(new { op = "PUBLISH", topic = "a.b", payload = 1, partition = 9 })).AssertErr("invalid_partition").Str("field"));
        Assert.Equal("headers", (await c.RequestAsync(new { op = "PUBLISH", topic = "a.b", payload = 1, headers = new Dictionary<string, string> { ["Bad"] = "v" } })).AssertErr("invalid_header").Str("field"));
        Assert.Equal("id", (await c.RequestAsync(new { op = "PUBLISH", topic = "a.b", payload = 1, id = "nope" })).AssertErr("invalid_id").Str("field"));
        (await c.RequestAsync(new { op = "PUBLISH", topic = "Bad Topic", payload = 1 })).AssertErr("invalid_topic");
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "a.b", group = "g", opts = new { max_inflight = 0 } })).AssertErr("invalid_field");
        Assert.Equal("opts.from", (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "a.b", group = "g", opts = new { from = "middle" } })).AssertErr("invalid_field").Str("field"));
        (await c.RequestAsync(new { op = "ACK", topic = "a.b", group = "g", id = "x" })).AssertErr("not_subscribed");
        (await c.RequestAsync(new { op = "TELEPORT" })).AssertErr("unknown_op");
        Assert.Equal("PONG", (await c.RequestAsync(new { op = "PING" })).Op); // the connection still works
    }

    [Fact]
    public async Task Nack_redelivers_with_the_next_attempt_and_modack_extends_the_lease()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.run", group = "workers", opts = new { max_attempts = 2 } })).AssertOk();
        string id = (await c.RequestAsync(new { op = "PUBLISH", topic = "jobs.run", payload = new { n = 1 } })).AssertOk().Str("id");
        WireFrame first = await c.NextEventAsync();
        (await c.RequestAsync(new { op = "MODACK", topic = "jobs.run", group = "workers", id, extend_ms = 60_000 })).AssertOk();
        Assert.Equal("released", (await c.RequestAsync(new { op = "NACK", topic = "jobs.run", group = "workers", id, reason = "try again", delay_ms = 0 })).AssertOk().Str("outcome"));
        WireFrame second = await c.NextEventAsync();
        Assert.Equal(id, second.Root.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(1, first.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        Assert.Equal(2, second.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        Assert.Equal("dead_lettered", (await c.RequestAsync(new { op = "NACK", topic = "jobs.run", group = "workers", id, reason = "poison" })).AssertOk().Str("outcome"));
        (await c.RequestAsync(new { op = "MODACK", topic = "jobs.run", group = "workers", id, extend_ms = 1000 })).AssertErr("unknown_delivery");
        IReadOnlyList<EventRecord> dlq = await ReadAllAsync("dlq.jobs.run");
        Assert.Equal(id, DeadLetter.Read(dlq.Single()).Original.Id);
    }

    [Fact]
    public async Task Release_gives_the_event_back_at_once_without_counting_the_attempt()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.release", group = "workers", opts = new { max_attempts = 1 } })).AssertOk();
        string id = (await c.RequestAsync(new { op = "PUBLISH", topic = "jobs.release", payload = new { n = 1 } })).AssertOk().Str("id");
        WireFrame first = await c.NextEventAsync();
        Assert.Equal("released", (await c.RequestAsync(new { op = "RELEASE", topic = "jobs.release", group = "workers", id })).AssertOk().Str("outcome"));

        // max_attempts 1: had the release counted, the record would be in the DLQ now; it comes again as attempt 1.
        WireFrame again = await c.NextEventAsync();
        Assert.Equal(id, again.Root.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(1, first.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        Assert.Equal(1, again.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        (await c.RequestAsync(new { op = "RELEASE", topic = "jobs.release", group = "other", id })).AssertErr("not_subscribed");
        (await c.RequestAsync(new { op = "RELEASE", topic = "jobs.release", group = "workers" })).AssertErr("missing_field");
        Assert.Equal("settled", (await c.RequestAsync(new { op = "ACK", topic = "jobs.release", group = "workers", id })).AssertOk().Str("outcome"));
        (await c.RequestAsync(new { op = "RELEASE", topic = "jobs.release", group = "workers", id })).AssertErr("unknown_delivery");
    }

    [Fact]
    public async Task The_server_never_sends_more_than_max_inflight_unacked_events()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "load.items", group = "g", opts = new { max_inflight = 3 } })).AssertOk();
        for (int i = 0; i < 10; i++)
        {
            (await c.RequestAsync(new { op = "PUBLISH", topic = "load.items", payload = i })).AssertOk();
        }

        var events = new List<WireFrame>();
        for (int i = 0; i < 3; i++)
        {
            events.Add(await c.NextEventAsync());
        }

        await Task.Delay(300); // the window is full: nothing more may arrive until an ack
        Assert.False(c.Events.Reader.TryRead(out WireFrame? extra), $"A fourth EVENT arrived with 3 unacked: {extra}");
        string id = events[0].Root.GetProperty("event").GetProperty("id").GetString()!;
        (await c.RequestAsync(new { op = "ACK", topic = "load.items", group = "g", id })).AssertOk();
        WireFrame fourth = await c.NextEventAsync();
        Assert.Equal(4, fourth.Root.GetProperty("event").GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task A_closed_connection_releases_its_deliveries_to_the_group_at_once_and_nobody_can_ack_anothers()
    {
        WireClient first = await _host.ConnectAsync();
        await using WireClient second = await _host.ConnectAsync();
        var opts = new { max_inflight = 1, ack_timeout_ms = 600_000 };
        (await first.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.long", group = "w", opts })).AssertOk();
        string id = (await first.RequestAsync(new { op = "PUBLISH", topic = "jobs.long", payload = "x" })).AssertOk().Str("id");
        await first.NextEventAsync();
        (await second.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.long", group = "w", opts })).AssertOk();
        (await second.RequestAsync(new { op = "ACK", topic = "jobs.long", group = "w", id })).AssertErr("unknown_delivery");

        first.Socket.Abort(); // no close handshake: the process died
        await first.DisposeAsync();
        WireFrame again = await second.NextEventAsync(); // long before the 10-minute lease
        Assert.Equal(id, again.Root.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(2, again.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
        (await second.RequestAsync(new { op = "ACK", topic = "jobs.long", group = "w", id })).AssertOk();
    }

    [Fact]
    public async Task Pause_stops_delivery_and_flow_credits_bound_it()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "flow.items", group = "g", opts = new { credits = 2, max_inflight = 100 } })).AssertOk();
        for (int i = 0; i < 5; i++)
        {
            (await c.RequestAsync(new { op = "PUBLISH", topic = "flow.items", payload = i })).AssertOk();
        }

        await c.NextEventAsync();
        await c.NextEventAsync();
        await Task.Delay(300);
        Assert.False(c.Events.Reader.TryRead(out _), "More EVENTs than credits");
        (await c.RequestAsync(new { op = "FLOW", topic = "flow.items", group = "g", credits = 1 })).AssertOk();
        Assert.Equal(3, (await c.NextEventAsync()).Root.GetProperty("event").GetProperty("offset").GetInt64());
        (await c.RequestAsync(new { op = "PAUSE", topic = "flow.items", group = "g" })).AssertOk();
        (await c.RequestAsync(new { op = "FLOW", topic = "flow.items", group = "g", credits = 10 })).AssertOk();
        await Task.Delay(300);
        Assert.False(c.Events.Reader.TryRead(out _), "EVENT while paused");
        (await c.RequestAsync(new { op = "RESUME", topic = "flow.items", group = "g" })).AssertOk();
        Assert.Equal(4, (await c.NextEventAsync()).Root.GetProperty("event").GetProperty("offset").GetInt64());
        Assert.Equal(5, (await c.NextEventAsync()).Root.GetProperty("event").GetProperty("offset").GetInt64());
        (await c.RequestAsync(new { op = "UNSUBSCRIBE", topic = "flow.items", group = "g" })).AssertOk();
        (await c.RequestAsync(new { op = "UNSUBSCRIBE", topic = "flow.items", group = "g" })).AssertErr("not_subscribed");
    }

    private async Task<IReadOnlyList<EventRecord>> ReadAllAsync(string topic)
    {
        var list = new List<EventRecord>();
        await foreach (EventRecord r in _host.Bus.ReplayAsync(topic, StartPosition.Earliest))
        {
            list.Add(r);
        }

        return list;
    }
}
