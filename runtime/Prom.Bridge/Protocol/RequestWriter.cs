using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using Prom.Bridge.Values;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Builds one outgoing message: the JSON control frame (with 5 bytes reserved for its header) and its binary parts.
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
    private List<OutgoingPart>? _parts;

    public RequestWriter(PyBridge bridge, string op, long id)
    {
        Bridge = bridge;
        Id = id;
        _buffer = new PooledBufferWriter();
        _buffer.GetSpan(5);
        _buffer.Advance(5);
        Json = new Utf8JsonWriter(_buffer, s_options);
        Json.WriteStartObject();
        if (id != 0)
        {
            Json.WriteNumber("id", id);
        }

        Json.WriteString("op", op);
    }

    public PyBridge Bridge { get; }

    public long Id { get; }

    public Utf8JsonWriter Json { get; }

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
        Json.Dispose();
        _buffer.Dispose();
        _parts = null;
    }
}
