using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Bus.Client.Wire;

/// <summary>Writes the client → server frames of docs/gateway.md, one JSON object each, with an integer <c>corr</c>.</summary>
internal static class ClientFrames
{
    public static byte[] Auth(long corr, string token) => Write(corr, "AUTH", w => w.WriteString("token", token));

    public static byte[] Publish(long corr, PublishRequest r, string id) => Write(corr, "PUBLISH", w =>
    {
        w.WriteString("topic", r.Topic);
        w.WriteString("id", id);
        if (r.Key is not null)
        {
            w.WriteString("key", r.Key);
        }

        if (r.Partition is { } partition)
        {
            w.WriteNumber("partition", partition);
        }

        if (r.Headers is { Count: > 0 } headers)
        {
            w.WriteStartObject("headers");
            foreach (KeyValuePair<string, string> h in headers)
            {
                w.WriteString(h.Key, h.Value);
            }

            w.WriteEndObject();
        }

        if (r.Sid is not null)
        {
            w.WriteString("sid", r.Sid);
        }

        Strings(w, "caused_by", r.CausedBy);
        Strings(w, "tags", r.Tags);
        w.WritePropertyName("payload");
        w.WriteRawValue(r.Payload.Span); // validated: an invalid payload throws here, before anything is sent
    });

    public static byte[] Subscribe(long corr, string topic, string group, SubscriptionOptions o, bool resume) => Write(corr, "SUBSCRIBE", w =>
    {
        w.WriteString("topic", topic);
        w.WriteString("group", group);
        w.WriteStartObject("opts");
        if (!resume)
        {
            // A resubscription after a reconnect joins an existing group, which resumes from its watermark anyway.
            WriteFrom(w, o.From);
        }

        w.WriteNumber("max_inflight", o.MaxInFlight);
        w.WriteNumber("ack_timeout_ms", (long)o.AckTimeout.TotalMilliseconds);
        w.WriteNumber("max_attempts", o.MaxAttempts);
        w.WriteBoolean("ordered", o.Ordered);
        if (o.MaxInFlightPerPartition is { } perPartition)
        {
            w.WriteNumber("max_inflight_per_partition", perPartition);
        }

        w.WriteNumber("backoff_base_ms", (long)o.BackoffBase.TotalMilliseconds);
        w.WriteNumber("backoff_max_ms", (long)o.BackoffMax.TotalMilliseconds);
        w.WriteEndObject();
    });

    public static byte[] Unsubscribe(long corr, string topic, string group) => Write(corr, "UNSUBSCRIBE", w => TopicGroup(w, topic, group));

    public static byte[] Ack(long corr, string topic, string group, string id) => Write(corr, "ACK", w =>
    {
        TopicGroup(w, topic, group);
        w.WriteString("id", id);
    });

    public static byte[] Nack(long corr, string topic, string group, string id, string reason, TimeSpan? delay) => Write(corr, "NACK", w =>
    {
        TopicGroup(w, topic, group);
        w.WriteString("id", id);
        w.WriteString("reason", reason);
        if (delay is { } d)
        {
            w.WriteNumber("delay_ms", (long)d.TotalMilliseconds);
        }
    });

    public static byte[] Release(long corr, string topic, string group, string id) => Write(corr, "RELEASE", w =>
    {
        TopicGroup(w, topic, group);
        w.WriteString("id", id);
    });

    public static byte[] ModAck(long corr, string topic, string group, string id, TimeSpan extend) => Write(corr, "MODACK", w =>
    {
        TopicGroup(w, topic, group);
        w.WriteString("id", id);
        w.WriteNumber("extend_ms", (long)Math.Max(1000, extend.TotalMilliseconds));
    });

    public static byte[] Ping(long corr) => Write(corr, "PING", _ => { });

    private static void WriteFrom(Utf8JsonWriter w, StartPosition from)
    {
        switch (from.Kind)
        {
            case StartPositionKind.Latest:
                w.WriteString("from", "latest");
                break;
            case StartPositionKind.Offset:
                w.WriteStartObject("from");
                w.WriteNumber("offset", from.Value);
                w.WriteEndObject();
                break;
            case StartPositionKind.Timestamp:
                w.WriteStartObject("from");
                w.WriteNumber("timestamp", from.Value);
                w.WriteEndObject();
                break;
            case StartPositionKind.AfterId:
                w.WriteStartObject("from");
                w.WriteString("after_id", from.Id);
                w.WriteEndObject();
                break;
            default:
                w.WriteString("from", "earliest");
                break;
        }
    }

    private static void TopicGroup(Utf8JsonWriter w, string topic, string group)
    {
        w.WriteString("topic", topic);
        w.WriteString("group", group);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static byte[] Write(long corr, string op, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("op", op);
            w.WriteNumber("corr", corr);
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
