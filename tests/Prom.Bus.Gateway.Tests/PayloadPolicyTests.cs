using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Security;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>The schema hook: the gateway calls the registered policy before storing and for versioned subscriptions.</summary>
public sealed class PayloadPolicyTests
{
    [Fact]
    public async Task The_policy_rejects_publishes_naming_the_field_and_shapes_events_for_subscriptions_with_a_version()
    {
        var policy = new RequirePidPolicy();
        await using GatewayHost host = await GatewayHost.StartAsync(services: s => s.AddSingleton<IGatewayPayloadPolicy>(policy));
        await using WireClient c = await host.ConnectAsync();
        WireFrame rejected = (await c.RequestAsync(new { op = "PUBLISH", topic = "beats.v1", payload = new { name = "stt" } })).AssertErr("payload_rejected");
        Assert.Equal("payload.pid", rejected.Str("field"));
        Assert.Contains("pid", rejected.Str("msg"));
        Assert.Equal("tester", policy.LastPrincipal);

        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "beats.v1", group = "v2reader", opts = new { version = 2 } })).AssertOk();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "beats.v1", group = "raw" })).AssertOk();
        (await c.RequestAsync(new { op = "PUBLISH", topic = "beats.v1", payload = new { pid = 7 } })).AssertOk();

        var byGroup = new Dictionary<string, JsonElement>();
        for (int i = 0; i < 2; i++)
        {
            WireFrame ev = await c.NextEventAsync();
            byGroup[ev.Str("group")] = ev.Root.GetProperty("event");
        }

        JsonElement shaped = byGroup["v2reader"];
        Assert.Equal("1", shaped.GetProperty("headers").GetProperty("x-upcasted-from").GetString());
        Assert.Equal(7, shaped.GetProperty("payload").GetProperty("process").GetProperty("pid").GetInt32());
        Assert.Equal(7, byGroup["raw"].GetProperty("payload").GetProperty("pid").GetInt32());
        Assert.False(byGroup["raw"].GetProperty("headers").TryGetProperty("x-upcasted-from", out _));
        Assert.Equal(2, policy.LastVersion);
        Assert.Equal("v2reader", policy.LastGroup);
    }

    [Fact]
    public async Task A_connection_closed_while_its_delivery_is_being_shaped_gives_it_back_to_the_group_at_once_attempt_uncounted()
    {
        var policy = new ShapeUntilCancelledPolicy();
        await using GatewayHost host = await GatewayHost.StartAsync(services: s => s.AddSingleton<IGatewayPayloadPolicy>(policy));
        await using WireClient other = await host.ConnectAsync();
        WireClient shaping = await host.ConnectAsync();
        // A minute's lease: only the release can hand the record on within the test.
        (await shaping.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.v1", group = "workers", opts = new { version = 2, ack_timeout_ms = 60_000 } })).AssertOk();
        (await other.RequestAsync(new { op = "PUBLISH", topic = "jobs.v1", payload = new { n = 1 } })).AssertOk();
        await policy.Shaping.Task.WaitAsync(System.TimeSpan.FromSeconds(20));

        await shaping.DisposeAsync(); // the shaping is cancelled with the connection
        (await other.RequestAsync(new { op = "SUBSCRIBE", topic = "jobs.v1", group = "workers", opts = new { ack_timeout_ms = 60_000 } })).AssertOk();
        WireFrame ev = await other.NextEventAsync();
        Assert.Equal(1, ev.Root.GetProperty("event").GetProperty("payload").GetProperty("n").GetInt32());
        Assert.Equal(1, ev.Root.GetProperty("ctx").GetProperty("attempt").GetInt32());
    }

    /// <summary>Shapes forever: signals that shaping began and waits for its token.</summary>
    private sealed class ShapeUntilCancelledPolicy : IGatewayPayloadPolicy
    {
        public TaskCompletionSource Shaping { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<PayloadRejection?> CheckPublishAsync(PublishRequest request, GatewayPrincipal principal, CancellationToken ct) =>
            ValueTask.FromResult<PayloadRejection?>(null);

        public async ValueTask<EventRecord> ShapeDeliveryAsync(EventRecord record, string group, int version, CancellationToken ct)
        {
            Shaping.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return record;
        }
    }

    /// <summary>A stand-in for the [Topic] registry: v1 needs <c>pid</c>; v2 nests it under <c>process</c>.</summary>
    private sealed class RequirePidPolicy : IGatewayPayloadPolicy
    {
        public string? LastPrincipal { get; private set; }

        public int LastVersion { get; private set; }

        public string? LastGroup { get; private set; }

        public ValueTask<PayloadRejection?> CheckPublishAsync(PublishRequest request, GatewayPrincipal principal, CancellationToken ct)
        {
            LastPrincipal = principal.Name;
            using JsonDocument doc = JsonDocument.Parse(request.Payload);
            return ValueTask.FromResult(doc.RootElement.TryGetProperty("pid", out _)
                ? null
                : new PayloadRejection("payload.pid", "heartbeat v1 needs an integer 'pid'"));
        }

        public ValueTask<EventRecord> ShapeDeliveryAsync(EventRecord record, string group, int version, CancellationToken ct)
        {
            LastVersion = version;
            LastGroup = group;
            var headers = new Dictionary<string, string>(record.Headers) { ["x-upcasted-from"] = "1" };
            byte[] payload = Encoding.UTF8.GetBytes("{\"process\":" + Encoding.UTF8.GetString(record.Payload.Span) + "}");
            return ValueTask.FromResult(new EventRecord(record.Id, record.Ts, record.Topic, record.Key, record.Partition, record.Offset,
                headers, payload, record.Sid, record.CausedBy, record.Tags));
        }
    }
}
