using System;
using System.Buffers;
using System.Text.Json;
using Prom.Bus.Gateway.OpsHttp;

namespace Prom.Bus.Gateway.Protocol;

/// <summary>Writes the server → client frames (docs/gateway.md "Server frames") as UTF-8 JSON.</summary>
internal static class ServerFrames
{
    /// <summary><c>{"op":"OK","corr":…, …}</c>; <paramref name="fields"/> writes the op's extra fields.</summary>
    public static byte[] Ok(byte[]? corr, Action<Utf8JsonWriter>? fields = null) => Write(w =>
    {
        w.WriteString("op", GatewayProtocol.Ops.Ok);
        WriteCorr(w, corr);
        fields?.Invoke(w);
    });

    /// <summary><c>{"op":"OK","corr":…, …}</c> with extra fields from <paramref name="fields"/> and its state (no closure per call).</summary>
    public static byte[] Ok<TState>(byte[]? corr, TState state, Action<Utf8JsonWriter, TState> fields) => Write(w =>
    {
        w.WriteString("op", GatewayProtocol.Ops.Ok);
        WriteCorr(w, corr);
        fields(w, state);
    });

    /// <summary><c>{"op":"ERR","code","msg","corr"?,"field"?,"retry_after_ms"?}</c>.</summary>
    public static byte[] Err(byte[]? corr, string code, string message, string? field = null, long? retryAfterMs = null)
    {
        GatewayMetrics.Error(code);
        return Write(w =>
        {
            w.WriteString("op", GatewayProtocol.Ops.Err);
            WriteCorr(w, corr);
            w.WriteString("code", code);
            w.WriteString("msg", message);
            if (field is not null)
            {
                w.WriteString("field", field);
            }

            if (retryAfterMs is { } retry)
            {
                w.WriteNumber("retry_after_ms", retry);
            }
        });
    }

    /// <summary><c>{"op":"PONG","corr"?,"ts"}</c>.</summary>
    public static byte[] Pong(byte[]? corr, long ts) => Write(w =>
    {
        w.WriteString("op", GatewayProtocol.Ops.Pong);
        WriteCorr(w, corr);
        w.WriteNumber("ts", ts);
    });

    /// <summary><c>{"op":"EVENT","topic","group","event":&lt;record&gt;,"ctx":{"attempt","ack_deadline_ms"}}</c>.</summary>
    public static byte[] Event(string topic, string group, EventRecord record, int attempt, long ackDeadlineMs) => Write(w =>
    {
        w.WriteString("op", GatewayProtocol.Ops.Event);
        w.WriteString("topic", topic);
        w.WriteString("group", group);
        w.WritePropertyName("event");
        RecordJson.Write(w, record);
        w.WriteStartObject("ctx");
        w.WriteNumber("attempt", attempt);
        w.WriteNumber("ack_deadline_ms", ackDeadlineMs);
        w.WriteEndObject();
    });

    /// <summary>A publish's OK: the stored record's coordinates.</summary>
    public static void WritePublished(Utf8JsonWriter w, EventRecord r)
    {
        w.WriteString("id", r.Id);
        w.WriteString("topic", r.Topic);
        w.WriteNumber("partition", r.Partition);
        w.WriteNumber("offset", r.Offset);
        w.WriteNumber("ts", r.Ts);
    }

    private static void WriteCorr(Utf8JsonWriter w, byte[]? corr)
    {
        if (corr is not null)
        {
            w.WritePropertyName("corr");
            w.WriteRawValue(corr, skipInputValidation: true); // parsed from the client's frame: a string or an integer
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
