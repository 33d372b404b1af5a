using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>Per-connection limits answer with their documented errors and leave the connection usable.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task The_publish_rate_limit_refuses_with_retry_after_and_the_other_limits_name_themselves()
    {
        await using GatewayHost host = await GatewayHost.StartAsync(o =>
        {
            o.PublishRatePerSecond = 10;
            o.PublishBurst = 5;
            o.MaxSubscriptionsPerConnection = 2;
            o.MaxTopicsPerConnection = 3;
        });
        await using WireClient c = await host.ConnectAsync();
        WireFrame[] replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => c.RequestAsync(new { op = "PUBLISH", topic = "limit.a", payload = i })));
        int ok = replies.Count(r => r.Op == "OK");
        WireFrame[] limited = replies.Where(r => r.Code == "rate_limited").ToArray();
        Assert.InRange(ok, 5, 8); // the burst, plus what 100 ms refills may add on a slow machine
        Assert.Equal(20 - ok, limited.Length);
        Assert.All(limited, r => Assert.True(r.Num("retry_after_ms") > 0, r.Raw));

        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.a", group = "g1" })).AssertOk();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.a", group = "g1" })).AssertErr("already_subscribed");
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.b", group = "g1" })).AssertOk();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.a", group = "g2" })).AssertErr("too_many_subscriptions");
        (await c.RequestAsync(new { op = "UNSUBSCRIBE", topic = "limit.b", group = "g1" })).AssertOk();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.c", group = "g2" })).AssertOk(); // third distinct topic
        (await c.RequestAsync(new { op = "UNSUBSCRIBE", topic = "limit.c", group = "g2" })).AssertOk();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "limit.d", group = "g2" })).AssertErr("too_many_topics"); // topics count for life
        await Task.Delay(1100); // refill the bucket
        (await c.RequestAsync(new { op = "PUBLISH", topic = "limit.d", payload = 1 })).AssertErr("too_many_topics");
        (await c.RequestAsync(new { op = "PUBLISH", topic = "limit.b", payload = 1 })).AssertOk(); // a topic already used
    }
}
