using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using Prom.Bridge.Values;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Builds one outgoing message: the JSON control frame (with 5 bytes reserved for its header) and its binary parts,
/// or the fixed binary frame of a ping.
/// </summary>
internal sealed class RequestWriter : IDisposable
{
    private static readonly JsonWriterOptions s_options = new()
    {
        // Only what JSON requires is escaped; non-ASCII text travels as UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly PooledBufferWriter _buffer;
    private readonly Utf8JsonWriter? _json;
    private List<OutgoingPart>? _parts;

    public RequestWriter(PyBridge bridge, string op, long id)
    {
        Bridge = bridge;
        Id = id;
        _buffer = new PooledBufferWriter();
        _buffer.GetSpan(5);
        _buffer.Advance(5);
        _json = new Utf8JsonWriter(_buffer, s_options);
        _json.WriteStartObject();
        if (id != 0)
        {
            _json.WriteNumber("id", id);
        }

        _json.WriteString("op", op);
    }

    private RequestWriter(PyBridge bridge, long id, FrameKind kind)
    {
        Bridge = bridge;
        Id = id;
        Kind = kind;
        _buffer = new PooledBufferWriter(16);
        Span<byte> frame = _buffer.GetSpan(13);
        BinaryPrimitives.WriteInt64BigEndian(frame[5..], id);
        _buffer.Advance(13);
    }

    /// <summary>A ping: the 8-byte id in a <see cref="FrameKind.Ping"/> frame, no JSON.</summary>
    public static RequestWriter Ping(PyBridge bridge, long id) => new(bridge, id, FrameKind.Ping);

    /// <summary>The kind of the message's first frame.</summary>
    public FrameKind Kind { get; } = FrameKind.Json;

    public PyBridge Bridge { get; }

    public long Id { get; }

    public Utf8JsonWriter Json => _json ?? throw new InvalidOperationException("A ping frame has no JSON body.");

    public IReadOnlyList<OutgoingPart>? Parts => _parts;

    public byte[] Buffer => _buffer.Buffer;

    public int Length => _buffer.WrittenCount;

    /// <summary>Adds a binary part and returns its index (the number the JSON value refers to).</summary>
    public int AddPart(OutgoingPart part)
    {
        _parts ??= new List<OutgoingPart>(2);
        _parts.Add(part);
        return _parts.Count - 1;
    }

    /// <summary>Writes a host value by the value policy (see <see cref="ValueEncoder"/>).</summary>
    public void WriteValue(object? value) => ValueEncoder.Write(this, value, 0);

    /// <summary>Ends the message with its return mode and part count.</summary>
    public void Finish(ReturnMode ret)
    {
        if (_json is null)
        {
            return; // a ping is complete as built
        }

        if (ret != ReturnMode.Auto)
        {
            Json.WriteString("ret", ReturnModes.WireName(ret));
        }

        if (_parts is { Count: > 0 })
        {
            Json.WriteNumber("n", _parts.Count);
        }

        Json.WriteEndObject();
        Json.Flush();
    }

    /// <summary>Returns the buffer to the pool and drops the parts (a sent 64 MiB array need not live until the answer).</summary>
    public void Dispose()
    {
        _json?.Dispose();
        _buffer.Dispose();
        _parts = null;
    }
}
