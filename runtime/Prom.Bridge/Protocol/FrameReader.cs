using System;
using System.Buffers.Binary;
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

    /// <summary>Reads a frame header; false on a clean end of stream at a frame boundary.</summary>
    public bool TryReadHeader(out uint length, out FrameKind kind)
    {
        Span<byte> header = stackalloc byte[5];
        int got = ReadSome(header);
        if (got == 0)
        {
            length = 0;
            kind = 0;
            return false;
        }

        if (got < 5)
        {
            ReadExactly(header[got..]);
        }

        length = BinaryPrimitives.ReadUInt32BigEndian(header);
        kind = (FrameKind)header[4];
        return true;
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

    private int ReadSome(Span<byte> destination)
    {
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
