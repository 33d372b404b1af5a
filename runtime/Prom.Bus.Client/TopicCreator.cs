using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Client;

/// <summary>
/// Creates topics through the gateway's ops endpoint <c>POST /topics</c> (docs/gateway.md, "Ops HTTP"): the WebSocket
/// protocol has no topic op. Same host and port as the WebSocket URL, <c>http</c> for <c>ws</c>, <c>https</c> for <c>wss</c>.
/// </summary>
internal sealed class TopicCreator : IDisposable
{
    private readonly HttpClient _http;

    public TopicCreator(BusClientOptions options)
    {
        var builder = new UriBuilder(options.Url!) { Scheme = options.Url!.Scheme == "wss" ? "https" : "http", Path = "/", Query = string.Empty };
        _http = new HttpClient { BaseAddress = builder.Uri, Timeout = options.RequestTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    public async Task<TopicConfig> CreateAsync(TopicConfig config, CancellationToken ct)
    {
        var body = new JsonObject { ["name"] = config.Name, ["partitions"] = config.Partitions, ["compacted"] = config.Compacted };
        if (config.Retention is { } retention)
        {
            body["retention_ms"] = (long)retention.TotalMilliseconds;
        }

        using HttpResponseMessage response = await _http.PostAsJsonAsync("topics", body, ct).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement t = doc.RootElement;
            return new TopicConfig(
                t.GetProperty("name").GetString()!,
                t.GetProperty("partitions").GetInt32(),
                t.TryGetProperty("retention_ms", out JsonElement r) && r.TryGetInt64(out long ms) ? TimeSpan.FromMilliseconds(ms) : null,
                t.TryGetProperty("compacted", out JsonElement c) && c.ValueKind == JsonValueKind.True);
        }

        string code = "internal";
        string msg = text;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            code = doc.RootElement.GetProperty("code").GetString() ?? code;
            msg = doc.RootElement.GetProperty("msg").GetString() ?? msg;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            code = response.StatusCode == HttpStatusCode.NotFound ? "not_found" : code;
        }

        throw new Wire.WireError(code, $"{(int)response.StatusCode} {msg}", "name", null).ToException($"POST /topics '{config.Name}'");
    }

    public void Dispose() => _http.Dispose();
}
