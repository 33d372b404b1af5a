using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Writes messages (a JSON frame and its binary parts) to the child's stdin. Callers hold <see cref="Lock"/> for a
/// whole message, so frames of two messages never interleave; a started message is always finished (never
/// cancelled half way), because a torn frame would desynchronise the stream for good.
/// </summary>
internal sealed class FrameWriter
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[5];
    private long _bytesWritten;

    public FrameWriter(Stream stream) => _stream = stream;

    /// <summary>Held by whoever writes a message.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Total bytes written, frame headers included.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>
    /// Writes a frame of <paramref name="kind"/> whose first 5 bytes are reserved for its header, then its parts. The
    /// stream is an unbuffered pipe: a message without parts is one <c>write</c> call, header and body together.
    /// </summary>
    public void WriteMessage(byte[] frame, int frameLength, FrameKind kind, IReadOnlyList<OutgoingPart>? parts)
    {
        // Validate everything before the first byte goes out: a message must be written whole or not at all.
        if (parts is not null)
        {
            foreach (OutgoingPart part in parts)
            {
                if (part.ByteLength > uint.MaxValue)
                {
                    throw new ArgumentException($"A binary part of {part.ByteLength} bytes exceeds the 4 GiB frame limit.");
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frameLength - 5));
        frame[4] = (byte)kind;
        _stream.Write(frame, 0, frameLength);
        long total = frameLength;
        if (parts is not null)
        {
            foreach (OutgoingPart part in parts)
            {
                BinaryPrimitives.WriteUInt32BigEndian(_header, (uint)part.ByteLength);
                _header[4] = (byte)FrameKind.Binary;
                _stream.Write(_header, 0, 5);
                part.WriteTo(_stream);
                total += 5 + part.ByteLength;
            }
        }

        _stream.Flush();
        Interlocked.Add(ref _bytesWritten, total);
    }
}
