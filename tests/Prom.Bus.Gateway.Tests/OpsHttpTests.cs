using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>The ops HTTP endpoints on the gateway's own Kestrel host, read the way the dashboard reads them.</summary>
public sealed class OpsHttpTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _http = new HttpClient { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Ops_need_an_admin_token_but_health_probes_do_not()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.HttpUri };
        Assert.Equal("ok", await anonymous.GetStringAsync("/healthz"));
        Assert.Equal("ready", (await JsonOf(await anonymous.GetAsync("/readyz"))).GetProperty("status").GetString());
        foreach (string path in new[] { "/stats", "/topics", "/connections", "/metrics" })
        {
            HttpResponseMessage none = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            using var notAdmin = new HttpRequestMessage(HttpMethod.Get, path);
            notAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.Token);
            HttpResponseMessage forbidden = await anonymous.SendAsync(notAdmin);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("forbidden", (await JsonOf(forbidden)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Topics_are_created_listed_and_conflicts_refused()
    {
        HttpResponseMessage created = await PostJson("/topics", """{"name":"ops.created","partitions":3,"retention_ms":60000}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, (await JsonOf(created)).GetProperty("partitions").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await PostJson("/topics", """{"name":"ops.created","partitions":3}""")).StatusCode);
        HttpResponseMessage conflict = await PostJson("/topics", """{"name":"ops.created","partitions":5}""");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("topic_conflict", (await JsonOf(conflict)).GetProperty("code").GetString());
        HttpResponseMessage missing = await PostJson("/topics", """{"partitions":5}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("missing_field", (await JsonOf(missing)).GetProperty("code").GetString());
        Assert.Equal("invalid_topic", (await JsonOf(await PostJson("/topics", """{"name":"Not A Topic"}"""))).GetProperty("code").GetString());
        Assert.Equal("bad_frame", (await JsonOf(await PostJson("/topics", "[1"))).GetProperty("code").GetString());

        JsonElement list = await JsonOf(await _http.GetAsync("/topics"));
        JsonElement topic = list.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ops.created");
        Assert.Equal(60000, topic.GetProperty("retention_ms").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/topics/ops.nothing/offsets")).StatusCode);
    }

    [Fact]
    public async Task Offsets_show_watermark_head_and_lag_per_group_and_partition()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "ops.lag", group = "slow", opts = new { max_inflight = 1 } })).AssertOk();
        for (int i = 0; i < 3; i++)
        {
            (await c.RequestAsync(new { op = "PUBLISH", topic = "ops.lag", payload = i })).AssertOk();
        }

        WireFrame ev = await c.NextEventAsync();
        (await c.RequestAsync(new { op = "ACK", topic = "ops.lag", group = "slow", id = ev.Root.GetProperty("event").GetProperty("id").GetString() })).AssertOk();
        JsonElement offsets = await JsonOf(await _http.GetAsync("/topics/ops.lag/offsets"));
        Assert.Equal(3, offsets.GetProperty("partitions")[0].GetProperty("head").GetInt64());
        JsonElement group = offsets.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("slow", group.GetProperty("group").GetString());
        Assert.Equal(2, group.GetProperty("lag").GetInt64());
        JsonElement p0 = group.GetProperty("partitions")[0];
        Assert.Equal(1, p0.GetProperty("watermark").GetInt64());
        Assert.Equal(2, p0.GetProperty("lag").GetInt64());

        JsonElement connections = await JsonOf(await _http.GetAsync("/connections"));
        Assert.Contains(connections.EnumerateArray(), x => x.GetProperty("subscriptions").EnumerateArray()
            .Any(s => s.GetProperty("topic").GetString() == "ops.lag" && s.GetProperty("open").GetInt32() == 1));
    }

    [Fact]
    public async Task Dlq_replay_sends_dead_letters_back_and_stats_count_them()
    {
        await using WireClient c = await _host.ConnectAsync();
        (await c.RequestAsync(new { op = "SUBSCRIBE", topic = "ops.poison", group = "w", opts = new { max_attempts = 1 } })).AssertOk();
        string id = (await c.RequestAsync(new { op = "PUBLISH", topic = "ops.poison", payload = new { bad = true } })).AssertOk().Str("id");
        await c.NextEventAsync();
        Assert.Equal("dead_lettered", (await c.RequestAsync(new { op = "NACK", topic = "ops.poison", group = "w", id, reason = "boom" })).AssertOk().Str("outcome"));

        JsonElement before = StatsOf(await JsonOf(await _http.GetAsync("/stats")), "ops.poison");
        Assert.Equal(1, before.GetProperty("dlq").GetInt64());
        Assert.Equal(1, before.GetProperty("published").GetInt64());
        JsonElement g = before.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(1, g.GetProperty("nacked").GetInt64());
        Assert.Equal(1, g.GetProperty("delivered").GetInt64());
        JsonElement p0 = g.GetProperty("partitions").EnumerateArray().Single(); // the dashboard's lag per partition
        Assert.Equal(1, p0.GetProperty("head").GetInt64());
        Assert.Equal(1, p0.GetProperty("watermark").GetInt64()); // dead-lettered = settled
        Assert.Equal(0, p0.GetProperty("lag").GetInt64());

        JsonElement replay = await JsonOf(await _http.PostAsync("/topics/ops.poison/dlq/replay", null));
        Assert.Equal(1, replay.GetProperty("replayed").GetInt32());
        WireFrame again = await c.NextEventAsync();
        JsonElement copy = again.Root.GetProperty("event");
        Assert.Equal(replay.GetProperty("ids")[0].GetString(), copy.GetProperty("id").GetString());
        Assert.True(copy.GetProperty("payload").GetProperty("bad").GetBoolean());
        Assert.NotEqual(id, copy.GetProperty("caused_by")[0].GetString()); // caused by the DLQ entry, not the original
        Assert.Equal(0, StatsOf(await JsonOf(await _http.GetAsync("/stats")), "ops.poison").GetProperty("dlq").GetInt64());
    }

    [Fact]
    public async Task Export_streams_ndjson_of_a_range_and_metrics_are_prometheus_text()
    {
        await using WireClient c = await _host.ConnectAsync();
        for (int i = 1; i <= 4; i++)
        {
            (await c.RequestAsync(new { op = "PUBLISH", topic = "ops.export", payload = new { n = i } })).AssertOk();
        }

        HttpResponseMessage export = await _http.GetAsync("/topics/ops.export/export?from_offset=2&limit=2");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType!.MediaType);
        string[] lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([2, 3], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("payload").GetProperty("n").GetInt32()));
        Assert.Equal(4, (await _http.GetStringAsync("/topics/ops.export/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/topics/ops.export/export?limit=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/topics/ops.export/export?partition=7")).StatusCode);

        string metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("events_published_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("topic=\"ops.export\"", metrics, StringComparison.Ordinal);
        Assert.Contains("gateway_connections", metrics, StringComparison.Ordinal);
    }

    private static JsonElement StatsOf(JsonElement stats, string topic) =>
        stats.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == topic);

    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
