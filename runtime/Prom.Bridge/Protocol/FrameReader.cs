using System;
using System.IO;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Threading;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Reads frames from the child's stdout with blocking reads on the bridge's reader thread. Binary only: there is
/// no text reader anywhere on this stream, so no byte value (0x0A included) is ever special. Not thread-safe: only the
/// thread holding the bridge's read baton uses it.
/// </summary>
internal sealed class FrameReader
{
    private readonly Stream _stream;

    /// <summary>The pipe's handle when its readiness can be polled (<see cref="PipePoll"/>), else null.</summary>
    private readonly SafeHandle? _pollable;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _position;
    private int _length;

    /// <summary>The sequence number the next frame must carry.</summary>
    private uint _nextSequence;
    private long _bytesRead;

    public FrameReader(Stream stream)
    {
        _stream = stream;
        _pollable = stream is PipeStream pipe && PipePoll.IsSupported ? pipe.SafePipeHandle : null;
    }

    /// <summary>True when <see cref="WaitReadable"/> can wait on the pipe (Linux).</summary>
    public bool CanWait => _pollable is not null;

    /// <summary>
    /// Waits up to <paramref name="nanoseconds"/> until reading will not block: true at once when bytes are already
    /// buffered, else a <c>ppoll</c> on the pipe; false when the time passed (or the pipe cannot be polled).
    /// </summary>
    public bool WaitReadable(long nanoseconds)
        => _position < _length || (_pollable is not null && PipePoll.WaitReadable(_pollable, nanoseconds));

    /// <summary>Total bytes read, frame headers included.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>
    /// Reads and checks the next frame header (its CRC and sequence number); false on a clean end of stream at a frame
    /// boundary. <paramref name="raw"/> receives the header bytes as read (for error messages about foreign output).
    /// </summary>
    public bool TryReadHeader(out FrameHeader header, Span<byte> raw)
    {
        int got = ReadSome(raw[..FrameHeader.Size]);
        if (got == 0)
        {
            header = default;
            return false;
        }

        if (got < FrameHeader.Size)
        {
            ReadExactly(raw[got..FrameHeader.Size]);
        }

        header = FrameHeader.Read(raw, _nextSequence);
        if (!header.IsDoorbell)
        {
            _nextSequence++;
        }

        return true;
    }

    /// <summary>Reads and checks the next frame header; false on a clean end of stream at a frame boundary.</summary>
    public bool TryReadHeader(out FrameHeader header) => TryReadHeader(out header, stackalloc byte[FrameHeader.Size]);

    /// <summary>Reads the payload of <paramref name="header"/> into <paramref name="destination"/> (its exact length) and checks its CRC.</summary>
    public void ReadPayload(in FrameHeader header, Span<byte> destination)
    {
        ReadExactly(destination);
        header.CheckPayload(destination);
    }

    /// <summary>Fills <paramref name="destination"/> completely or throws <see cref="EndOfStreamException"/>.</summary>
    public void ReadExactly(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            int got = ReadSome(destination);
            if (got == 0)
            {
                throw new EndOfStreamException("The Python process closed its output inside a frame.");
            }

            destination = destination[got..];
        }
    }

    /// <summary>A shared-ring record being read instead of the pipe (<see cref="BeginRecord"/>), or null.</summary>
    private byte[]? _record;
    private int _recordPosition;
    private int _recordLength;

    /// <summary>
    /// From now on frames are read from the first <paramref name="length"/> bytes of <paramref name="record"/> (a copy
    /// of a shared-ring record), with the same checks and the same sequence numbers as the pipe's frames, until
    /// <see cref="EndRecord"/>. Reading past its end is a <see cref="BridgeProtocolException"/> (a truncated record).
    /// </summary>
    public void BeginRecord(byte[] record, int length)
    {
        _record = record;
        _recordPosition = 0;
        _recordLength = length;
    }

    /// <summary>Back to the pipe; throws when the record held more than was read (a record carries exactly one message).</summary>
    public void EndRecord()
    {
        int left = _recordLength - _recordPosition;
        _record = null;
        if (left != 0)
        {
            throw new BridgeProtocolException($"A shared-ring record held {left} bytes after its message (the ring is corrupt).");
        }
    }

    /// <summary>Leaves record mode after an error (the stream is then broken anyway).</summary>
    public void AbandonRecord() => _record = null;

    private int ReadSome(Span<byte> destination)
    {
        if (_record is not null)
        {
            int available = _recordLength - _recordPosition;
            if (available == 0)
            {
                throw new BridgeProtocolException("A shared-ring record ended inside a frame (it was truncated).");
            }

            int take = Math.Min(available, destination.Length);
            _record.AsSpan(_recordPosition, take).CopyTo(destination);
            _recordPosition += take;
            return take;
        }

        if (_position == _length)
        {
            // Large reads bypass the buffer: a 64 MiB part is read straight into its final array.
            if (destination.Length >= _buffer.Length)
            {
                int direct = _stream.Read(destination);
                Interlocked.Add(ref _bytesRead, direct);
                return direct;
            }

            _length = _stream.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            Interlocked.Add(ref _bytesRead, _length);
            if (_length == 0)
            {
                return 0;
            }
        }

        int n = Math.Min(destination.Length, _length - _position);
        _buffer.AsSpan(_position, n).CopyTo(destination);
        _position += n;
        return n;
    }
}
