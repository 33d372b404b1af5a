using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Prom.Bus.Gateway.Protocol;
using Prom.Bus.Stores;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary>The topic endpoints of the ops HTTP API (docs/gateway.md "Ops HTTP").</summary>
internal static class TopicOps
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int ExportPage = 512;
    private static readonly ReadOnlyMemory<byte> s_newline = new[] { (byte)'\n' };

    public static async Task<IResult> ListAsync(EventBus bus, CancellationToken ct)
    {
        IReadOnlyList<TopicConfig> topics = await bus.Store.ListTopicsAsync(ct).ConfigureAwait(false);
        return OpsJson.Ok(topics.Select(Describe).ToArray());
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, EventBus bus, CancellationToken ct)
    {
        TopicConfig config;
        try
        {
            config = await ReadTopicAsync(request, bus.Options.DefaultPartitions, ct).ConfigureAwait(false);
        }
        catch (GatewayProtocolException ex)
        {
            return OpsJson.Error(StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }

        config.Validate();
        bool existed = await bus.Store.GetTopicAsync(config.Name, ct).ConfigureAwait(false) is not null;
        TopicConfig stored = await bus.CreateTopicAsync(config, ct).ConfigureAwait(false);
        return OpsJson.Ok(Describe(stored), existed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    public static async Task<IResult> OffsetsAsync(string topic, EventBus bus, CancellationToken ct)
    {
        IReadOnlyList<long> heads = await bus.GetHeadsAsync(topic, ct).ConfigureAwait(false);
        var groups = new List<object>();
        foreach (string group in await bus.ListGroupsAsync(topic, ct).ConfigureAwait(false))
        {
            IReadOnlyList<GroupPartitionState> state = await bus.GetGroupStateAsync(topic, group, ct).ConfigureAwait(false);
            groups.Add(new
            {
                group,
                lag = state.Sum(s => s.Lag),
                partitions = PartitionsOf(state),
            });
        }

        return OpsJson.Ok(new
        {
            topic,
            partitions = heads.Select((h, p) => new { partition = p, head = h }).ToArray(),
            groups,
        });
    }

    public static async Task<IResult> ReplayDlqAsync(string topic, HttpRequest request, EventBus bus, CancellationToken ct)
    {
        if (!TryQueryLong(request, "max", 1, 100_000, out long? max, out IResult? bad))
        {
            return bad!;
        }

        BusNames.ValidateTopic(topic);
        if (await bus.Store.GetTopicAsync(BusNames.DlqTopic(topic), ct).ConfigureAwait(false) is null)
        {
            return OpsJson.Ok(new { replayed = 0, ids = Array.Empty<string>() });
        }

        IReadOnlyList<EventRecord> replayed = await bus.ReplayDlqAsync(topic, (int)(max ?? 1000), ct).ConfigureAwait(false);
        return OpsJson.Ok(new { replayed = replayed.Count, ids = replayed.Select(r => r.Id).ToArray() });
    }

    /// <summary>NDJSON, one record per line, partition after partition in offset order, within the query's range.</summary>
    public static async Task<IResult> ExportAsync(string topic, HttpContext http, EventBus bus, CancellationToken ct)
    {
        HttpRequest q = http.Request;
        if (!TryQueryLong(q, "partition", 0, TopicConfig.MaxPartitions - 1, out long? partition, out IResult? bad)
            || !TryQueryLong(q, "from_offset", 1, long.MaxValue, out long? fromOffset, out bad)
            || !TryQueryLong(q, "from_ts", 0, long.MaxValue, out long? fromTs, out bad)
            || !TryQueryLong(q, "until_ts", 0, long.MaxValue, out long? untilTs, out bad)
            || !TryQueryLong(q, "limit", 1, long.MaxValue, out long? limit, out bad))
        {
            return bad!;
        }

        IReadOnlyList<long> heads = await bus.GetHeadsAsync(topic, ct).ConfigureAwait(false); // 404 before anything is written
        if (partition >= heads.Count)
        {
            return OpsJson.Error(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidPartition, $"Topic '{topic}' has {heads.Count} partitions; there is no partition {partition}.");
        }

        http.Response.ContentType = "application/x-ndjson";
        Stream body = http.Response.Body;
        long written = 0;
        long max = limit ?? long.MaxValue;
        IEnumerable<int> parts = partition is { } only ? [(int)only] : Enumerable.Range(0, heads.Count);
        await using var writer = new Utf8JsonWriter(body);
        foreach (int p in parts)
        {
            long next = fromOffset ?? 1;
            while (written < max)
            {
                IReadOnlyList<EventRecord> page = await bus.Store.ReadAsync(topic, p, next, ExportPage, ct).ConfigureAwait(false);
                foreach (EventRecord r in page)
                {
                    if ((fromTs is { } from && r.Ts < from) || (untilTs is { } until && r.Ts >= until))
                    {
                        continue;
                    }

                    RecordJson.Write(writer, r);
                    await writer.FlushAsync(ct).ConfigureAwait(false);
                    writer.Reset();
                    await body.WriteAsync(s_newline, ct).ConfigureAwait(false);
                    if (++written == max)
                    {
                        break;
                    }
                }

                if (page.Count < ExportPage)
                {
                    break;
                }

                next = page[^1].Offset + 1;
            }
        }

        await body.FlushAsync(ct).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>A group's per-partition state as <c>offsets</c> and <c>stats</c> show it.</summary>
    public static object[] PartitionsOf(IReadOnlyList<GroupPartitionState> state) =>
        state.Select(s => (object)new { partition = s.Partition, watermark = s.Watermark, head = s.Head, lag = s.Lag }).ToArray();

    private static object Describe(TopicConfig t) => new
    {
        name = t.Name,
        partitions = t.Partitions,
        retention_ms = t.Retention is { } r ? (long?)r.TotalMilliseconds : null,
        compacted = t.Compacted,
    };

    private static async Task<TopicConfig> ReadTopicAsync(HttpRequest request, int defaultPartitions, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, $"The body is not valid JSON: {ex.Message}");
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, "The body is one JSON object {\"name\",\"partitions\"?,\"retention_ms\"?,\"compacted\"?}.");
            }

            string name = ClientFrame.StringOf(root, "name", "name") ?? throw ClientFrame.Missing("name");
            int partitions = ClientFrame.IntOf(root, "partitions", "partitions", 1, TopicConfig.MaxPartitions) ?? defaultPartitions;
            long? retention = ClientFrame.LongOf(root, "retention_ms", "retention_ms", 1, long.MaxValue / 2);
            bool compacted = ClientFrame.BoolOf(root, "compacted", "compacted") ?? false;
            return new TopicConfig(name, partitions, retention is { } ms ? TimeSpan.FromMilliseconds(ms) : null, compacted);
        }
    }

    private static bool TryQueryLong(HttpRequest request, string name, long min, long max, out long? value, out IResult? error)
    {
        value = null;
        error = null;
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= min && n <= max)
        {
            value = n;
            return true;
        }

        error = OpsJson.Error(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidField, $"Query '{name}' is '{text}'; it must be an integer from {min} to {max}.");
        return false;
    }
}
