using System;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Prom.Bridge.Protocol;

/// <summary>
/// The 17-byte frame header: <c>length:u32 | kind:u8 | seq:u32 | payloadCrc:u32 | headerCrc:u32</c>, big-endian.
/// <c>seq</c> counts the frames of one direction from 0; <c>headerCrc</c> is the CRC-32 of the first 13 bytes (so a
/// corrupt length is caught before any payload is read); <c>payloadCrc</c> the CRC-32 of the payload. Together they
/// turn a lost, duplicated, reordered, truncated or corrupted frame into a protocol error instead of another answer.
/// </summary>
internal readonly struct FrameHeader
{
    public const int Size = 17;

    public FrameHeader(uint length, FrameKind kind, uint sequence, uint payloadCrc)
    {
        Length = length;
        Kind = kind;
        Sequence = sequence;
        PayloadCrc = payloadCrc;
    }

    public uint Length { get; }

    public FrameKind Kind { get; }

    public uint Sequence { get; }

    public uint PayloadCrc { get; }

    /// <summary>Writes the header with its own CRC into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Length);
        destination[4] = (byte)Kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[9..], PayloadCrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[13..], Crc32.HashToUInt32(destination[..13]));
    }

    /// <summary>The whole doorbell frame (<see cref="FrameKind.Doorbell"/>): empty, sequence 0, CRC of nothing 0.</summary>
    public static readonly byte[] Doorbell = CreateDoorbell();

    private static byte[] CreateDoorbell()
    {
        byte[] frame = new byte[Size];
        new FrameHeader(0, FrameKind.Doorbell, 0, 0).WriteTo(frame);
        return frame;
    }

    /// <summary>True for a doorbell: it carries no sequence number and no payload.</summary>
    public bool IsDoorbell => Kind == FrameKind.Doorbell;

    /// <summary>Reads and checks a header: its CRC, then the expected sequence number (a doorbell: that it is exactly the doorbell).</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> source, uint expectedSequence)
    {
        if (Crc32.HashToUInt32(source[..13]) != BinaryPrimitives.ReadUInt32BigEndian(source[13..]))
        {
            throw new BridgeProtocolException($"Frame {expectedSequence}: its header failed the CRC check (the stream is corrupt).");
        }

        var header = new FrameHeader(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (FrameKind)source[4],
            BinaryPrimitives.ReadUInt32BigEndian(source[5..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[9..]));
        if (header.IsDoorbell)
        {
            if (header.Length != 0 || header.Sequence != 0 || header.PayloadCrc != 0)
            {
                throw new BridgeProtocolException($"A doorbell frame must be empty with sequence 0 (got {header.Length} bytes, sequence {header.Sequence}).");
            }

            return header;
        }

        if (header.Sequence != expectedSequence)
        {
            throw new BridgeProtocolException(
                $"Frame {header.Sequence} arrived where frame {expectedSequence} was expected (a frame was lost, duplicated or reordered).");
        }

        return header;
    }

    /// <summary>Throws unless <paramref name="payload"/> matches the header's payload CRC.</summary>
    public void CheckPayload(ReadOnlySpan<byte> payload)
    {
        if (Crc32.HashToUInt32(payload) != PayloadCrc)
        {
            throw new BridgeProtocolException($"Frame {Sequence} ({Kind}, {Length} bytes) failed its payload CRC check (the stream is corrupt).");
        }
    }
}
