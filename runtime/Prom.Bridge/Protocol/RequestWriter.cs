using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text.Json;
using Prom.Bridge.Values;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Builds one outgoing message: the JSON control frame (with 5 bytes reserved for its header) and its binary parts,
/// or the fixed binary frame of a ping.
/// </summary>
internal sealed class RequestWriter : IDisposable
{
    /// <summary>This thread's JSON buffer and writer while the message is built; null for a ping.</summary>
    private JsonScratch? _scratch;

    /// <summary>The whole frame of a ping.</summary>
    private readonly byte[]? _pingFrame;
    private List<OutgoingPart>? _parts;

    /// <summary>Shared segments holding by-value arrays of this message (<see cref="Arrays.LendingPool"/>), until the call takes them.</summary>
    private List<Arrays.PooledSegment>? _lent;

    public RequestWriter(PyBridge bridge, string op, long id)
    {
        Bridge = bridge;
        Id = id;
        _scratch = JsonScratch.Rent();
        _scratch.Buffer.GetSpan(FrameHeader.Size);
        _scratch.Buffer.Advance(FrameHeader.Size);
        Utf8JsonWriter json = _scratch.Json;
        json.WriteStartObject();
        if (id != 0)
        {
            json.WriteNumber("id"u8, id);
        }

        json.WriteString("op"u8, op);
    }

    private RequestWriter(PyBridge bridge, long id, FrameKind kind)
    {
        Bridge = bridge;
        Id = id;
        Kind = kind;
        _pingFrame = new byte[FrameHeader.Size + 8];
        BinaryPrimitives.WriteInt64BigEndian(_pingFrame.AsSpan(FrameHeader.Size), id);
    }

    /// <summary>A ping: the 8-byte id in a <see cref="FrameKind.Ping"/> frame, no JSON.</summary>
    public static RequestWriter Ping(PyBridge bridge, long id) => new(bridge, id, FrameKind.Ping);

    /// <summary>The kind of the message's first frame.</summary>
    public FrameKind Kind { get; } = FrameKind.Json;

    public PyBridge Bridge { get; }

    public long Id { get; }

    public Utf8JsonWriter Json => _scratch?.Json ?? throw new InvalidOperationException("A ping frame has no JSON body, and a sent message none at all.");

    public IReadOnlyList<OutgoingPart>? Parts => _parts;

    /// <summary>The frame, its first <see cref="FrameHeader.Size"/> bytes reserved for the header (valid until <see cref="Dispose"/>).</summary>
    public byte[] Buffer => _pingFrame ?? _scratch!.Buffer.Buffer;

    public int Length => _pingFrame?.Length ?? _scratch!.Buffer.WrittenCount;

    /// <summary>Adds a binary part and returns its index (the number the JSON value refers to).</summary>
    public int AddPart(OutgoingPart part)
    {
        _parts ??= new List<OutgoingPart>(2);
        _parts.Add(part);
        return _parts.Count - 1;
    }

    /// <summary>
    /// Copies a large by-value array into a lent shared segment and returns the segment's path; the segment travels
    /// with the call (<see cref="TakeLent"/>) and goes back to the pool with its answer.
    /// </summary>
    public string Lend(OutgoingPart source)
    {
        Arrays.PooledSegment segment = RentSegment(source.ByteLength);
        unsafe
        {
            byte* target = segment.File.Pointer;
            for (long offset = 0; offset < source.ByteLength; offset += 1 << 30)
            {
                Arrays.BulkCopy.Copy(source.Chunk(offset), target + offset);
            }
        }

        return segment.Path;
    }

    /// <summary>As <see cref="Lend(OutgoingPart)"/>, from a span of elements (which may hold more than 2 GiB).</summary>
    public string Lend<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Arrays.PooledSegment segment = RentSegment((long)source.Length * size);
        unsafe
        {
            byte* target = segment.File.Pointer;
            int perChunk = (1 << 30) / size;
            for (int start = 0; start < source.Length; start += perChunk)
            {
                ReadOnlySpan<T> chunk = source.Slice(start, Math.Min(perChunk, source.Length - start));
                Arrays.BulkCopy.Copy(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk), target + ((long)start * size));
            }
        }

        return segment.Path;
    }

    /// <summary>This request carries <paramref name="segment"/> (a rented array): one more reference until its answer.</summary>
    public void AddLentUse(Arrays.PooledSegment segment)
    {
        segment.AddUse();
        (_lent ??= new List<Arrays.PooledSegment>(1)).Add(segment);
    }

    private Arrays.PooledSegment RentSegment(long bytes)
    {
        Arrays.PooledSegment segment = Bridge.Lending.Rent(bytes);
        (_lent ??= new List<Arrays.PooledSegment>(1)).Add(segment); // its reference is this request's from now on
        return segment;
    }

    /// <summary>The lent segments, handed to the call once the message is committed (null when none).</summary>
    public List<Arrays.PooledSegment>? TakeLent()
    {
        List<Arrays.PooledSegment>? lent = _lent;
        _lent = null;
        return lent;
    }

    /// <summary>Writes a host value by the value policy (see <see cref="ValueEncoder"/>).</summary>
    public void WriteValue(object? value) => ValueEncoder.Write(this, value, 0);

    /// <summary>
    /// Ends the message with its return mode and part count. A part beyond the protocol's limit is an
    /// <see cref="ArgumentException"/> here, before the call takes a window slot or writes a byte.
    /// </summary>
    public void Finish(ReturnMode ret)
    {
        if (_scratch is null)
        {
            return; // a ping is complete as built
        }

        if (_parts is not null)
        {
            foreach (OutgoingPart part in _parts)
            {
                if (part.ByteLength > FrameLimits.MaxPartBytes)
                {
                    throw new ArgumentException(
                        $"An argument of {part.ByteLength} bytes exceeds the protocol's limit of {FrameLimits.MaxPartBytes} bytes per binary part; "
                        + "pass a SharedArray<T> instead (shared memory has no such limit).");
                }
            }
        }

        Utf8JsonWriter json = _scratch.Json;
        if (ret != ReturnMode.Auto)
        {
            json.WriteString("ret"u8, ReturnModes.WireName(ret));
        }

        if (_parts is { Count: > 0 })
        {
            json.WriteNumber("n"u8, _parts.Count);
        }

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>
    /// Hands the buffer and writer back for the next request on this thread and drops the parts (a sent 64 MiB array
    /// need not live until the answer). Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (_lent is not null)
        {
            foreach (Arrays.PooledSegment segment in _lent)
            {
                segment.Release(keptByPython: false); // never sent: Python has not seen it
            }

            _lent = null;
        }

        _scratch?.Return();
        _scratch = null;
        _parts = null;
    }
}
