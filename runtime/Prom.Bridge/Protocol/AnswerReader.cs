using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Reads one message from Python — a ping answer, or a JSON control frame and its binary parts — with every frame
/// checked (<see cref="FrameHeader"/>). The bridge's reader and the protocol fuzz test use this same code.
/// </summary>
internal static class AnswerReader
{
    /// <summary>Reads the next message; false on a clean end of the stream. Malformed input throws <see cref="BridgeProtocolException"/>.</summary>
    public static bool TryRead(FrameReader reader, out ReceivedAnswer answer)
    {
        answer = default;
        if (!reader.TryReadHeader(out FrameHeader frame))
        {
            return false;
        }

        if (frame.IsDoorbell)
        {
            answer = ReceivedAnswer.Doorbell;
            return true;
        }

        if (frame.Kind == FrameKind.Ping && frame.Length == 8)
        {
            Span<byte> id = stackalloc byte[8];
            reader.ReadPayload(frame, id);
            answer = new ReceivedAnswer(
                new ResponseHeader { Id = BinaryPrimitives.ReadInt64BigEndian(id), Ok = true, ValueStart = -1 }, null, 0, Array.Empty<byte[]>());
            return true;
        }

        if (frame.Kind != FrameKind.Json || frame.Length > FrameLimits.MaxControlFrame)
        {
            throw new BridgeProtocolException($"Expected a JSON control frame, got kind {(byte)frame.Kind} of {frame.Length} bytes.");
        }

        int length = (int)frame.Length;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ReadPayload(frame, buffer.AsSpan(0, length));
            ResponseHeader header = ResponseHeader.Parse(buffer.AsSpan(0, length));
            answer = new ReceivedAnswer(header, buffer, length, ReadParts(reader, header.PartCount));
            return true;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>
    /// Reads the one message of a shared-ring record (the first <paramref name="length"/> bytes of
    /// <paramref name="record"/>) with the same frame checks and sequence as the pipe. A record that is empty, cut
    /// short, holds a doorbell or more than one message is a <see cref="BridgeProtocolException"/>.
    /// </summary>
    public static ReceivedAnswer ReadRecord(FrameReader reader, byte[] record, int length)
    {
        reader.BeginRecord(record, length);
        ReceivedAnswer answer = default;
        bool read = false;
        try
        {
            if (!TryRead(reader, out answer) || answer.IsDoorbell)
            {
                throw new BridgeProtocolException("A shared-ring record held no answer.");
            }

            read = true;
            reader.EndRecord();
            return answer;
        }
        catch
        {
            reader.AbandonRecord();
            if (read)
            {
                answer.Return();
            }

            throw;
        }
    }

    private static byte[][] ReadParts(FrameReader reader, int count)
    {
        if (count == 0)
        {
            return Array.Empty<byte[]>();
        }

        if (count < 0)
        {
            throw new BridgeProtocolException($"An answer announced {count} binary parts.");
        }

        var parts = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadHeader(out FrameHeader frame) || frame.Kind != FrameKind.Binary || frame.Length > FrameLimits.MaxPartBytes)
            {
                throw new BridgeProtocolException($"Expected binary part {i} of {count}.");
            }

            parts[i] = frame.Length == 0 ? Array.Empty<byte>() : GC.AllocateUninitializedArray<byte>((int)frame.Length);
            reader.ReadPayload(frame, parts[i]);
        }

        return parts;
    }
}
