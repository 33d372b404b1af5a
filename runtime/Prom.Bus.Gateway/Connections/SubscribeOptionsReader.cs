using System;
using System.Text.Json;
using Prom.Bus.Gateway.Protocol;

namespace Prom.Bus.Gateway.Connections;

/// <summary>Reads <c>SUBSCRIBE.opts</c> (docs/gateway.md "SUBSCRIBE") into bus options, naming any bad field.</summary>
internal static class SubscribeOptionsReader
{
    public const int MaxCredits = 1_000_000;

    public sealed record Result(SubscriptionOptions Options, int? Version, long? Credits);

    public static Result Read(JsonElement? opts, int maxInFlightLimit)
    {
        var options = new SubscriptionOptions();
        if (opts is not { } o)
        {
            return new Result(options, null, null);
        }

        options.From = ReadFrom(o);
        options.MaxInFlight = ClientFrame.IntOf(o, "max_inflight", "opts.max_inflight", 1, maxInFlightLimit) ?? options.MaxInFlight;
        options.MaxInFlightPerPartition = ClientFrame.IntOf(o, "max_inflight_per_partition", "opts.max_inflight_per_partition", 1, maxInFlightLimit);
        long? ackTimeout = ClientFrame.LongOf(o, "ack_timeout_ms", "opts.ack_timeout_ms", 1000, 24L * 3600 * 1000);
        if (ackTimeout is { } ms)
        {
            options.AckTimeout = TimeSpan.FromMilliseconds(ms);
        }

        options.Ordered = ClientFrame.BoolOf(o, "ordered", "opts.ordered") ?? false;
        options.MaxAttempts = ClientFrame.IntOf(o, "max_attempts", "opts.max_attempts", 1, 1000) ?? options.MaxAttempts;
        long? backoffBase = ClientFrame.LongOf(o, "backoff_base_ms", "opts.backoff_base_ms", 0, 3600 * 1000);
        long? backoffMax = ClientFrame.LongOf(o, "backoff_max_ms", "opts.backoff_max_ms", 0, 24L * 3600 * 1000);
        if (backoffBase is { } b)
        {
            options.BackoffBase = TimeSpan.FromMilliseconds(b);
        }

        if (backoffMax is { } m)
        {
            options.BackoffMax = TimeSpan.FromMilliseconds(m);
        }

        if (options.BackoffMax < options.BackoffBase)
        {
            throw ClientFrame.Invalid("opts.backoff_max_ms", $"is {options.BackoffMax.TotalMilliseconds}; it must be at least backoff_base_ms ({options.BackoffBase.TotalMilliseconds})");
        }

        int? version = ClientFrame.IntOf(o, "version", "opts.version", 1, int.MaxValue);
        long? credits = ClientFrame.LongOf(o, "credits", "opts.credits", 0, MaxCredits);
        return new Result(options, version, credits);
    }

    private static StartPosition ReadFrom(JsonElement o)
    {
        if (!o.TryGetProperty("from", out JsonElement from) || from.ValueKind == JsonValueKind.Null)
        {
            return StartPosition.Earliest;
        }

        if (from.ValueKind == JsonValueKind.String)
        {
            return ClientFrame.Text(from, "opts.from") switch
            {
                "earliest" => StartPosition.Earliest,
                "latest" => StartPosition.Latest,
                var other => throw ClientFrame.Invalid("opts.from", $"is '{other}'; use \"earliest\", \"latest\", {{\"offset\":n}}, {{\"timestamp\":ms}} or {{\"after_id\":id}}"),
            };
        }

        if (from.ValueKind != JsonValueKind.Object)
        {
            throw ClientFrame.Invalid("opts.from", $"must be a string or an object, not {ClientFrame.Describe(from.ValueKind)}");
        }

        if (ClientFrame.LongOf(from, "offset", "opts.from.offset", 1, long.MaxValue) is { } offset)
        {
            return StartPosition.AtOffset(offset);
        }

        if (ClientFrame.LongOf(from, "timestamp", "opts.from.timestamp", 0, long.MaxValue) is { } ts)
        {
            return StartPosition.AtTimestamp(ts);
        }

        if (ClientFrame.StringOf(from, "after_id", "opts.from.after_id") is { } id)
        {
            return StartPosition.AfterId(BusNames.NormalizeId(id));
        }

        throw ClientFrame.Invalid("opts.from", "needs one of 'offset', 'timestamp' or 'after_id'");
    }
}
