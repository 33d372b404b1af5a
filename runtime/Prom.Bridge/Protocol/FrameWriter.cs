using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Frames messages (a JSON or ping frame and its binary parts; <see cref="FrameHeader"/>) and writes them to the
/// child's stdin. Callers hold <see cref="Lock"/> from framing until the message is fully written, so frames of two
/// messages never interleave and sequence numbers follow the byte order. A started message is always finished
/// (never torn half way): when the pipe is full, <see cref="TryWrite"/> writes what fits and <see cref="DrainAsync"/>
/// finishes the rest on a drain thread, which then releases the lock — the caller can give up waiting (timeout,
/// cancellation) without tearing the stream.
/// </summary>
internal sealed class FrameWriter
{
    /// <summary>Poll interval of the drain thread: it rechecks that the pipe is still wanted this often.</summary>
    private const long DrainPollNanoseconds = 100_000_000;

    private readonly Stream _stream;

    /// <summary>The pipe in non-blocking mode (Linux), or null: then writes block in <see cref="_stream"/>.</summary>
    private readonly SafeHandle? _pipe;
    private uint _nextSequence;
    private long _bytesWritten;

    /// <summary>Set when a write failed part way: the stream can never be trusted again, nothing more is written.</summary>
    private volatile Exception? _broken;

    public FrameWriter(Stream stream)
    {
        _stream = stream;
        if (stream is PipeStream pipe && PipeWrite.TrySetNonBlocking(pipe.SafePipeHandle))
        {
            _pipe = pipe.SafePipeHandle;
        }
    }

    /// <summary>The message object reused for messages written at once (a drained one is given away).</summary>
    private OutgoingMessage? _spare;

    /// <summary>Under <see cref="Lock"/>: an empty message to frame into (no allocation on the common path).</summary>
    public OutgoingMessage RentMessage()
    {
        OutgoingMessage message = _spare ?? new OutgoingMessage();
        _spare = null;
        return message;
    }

    /// <summary>Under <see cref="Lock"/>: takes a fully written message back for reuse.</summary>
    public void Return(OutgoingMessage message)
    {
        message.Clear();
        _spare = message;
    }

    /// <summary>Held by whoever frames and writes a message (and, while one drains, by its drain thread).</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Under <see cref="Lock"/>: the sequence number the next sealed frame gets.</summary>
    public uint NextSequence => _nextSequence;

    /// <summary>Total bytes written, frame headers included.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>True when a full pipe never blocks the writer (Linux); elsewhere writes block until the pipe takes them.</summary>
    public bool IsNonBlocking => _pipe is not null;

    /// <summary>
    /// Under <see cref="Lock"/>: fills the header reserved in the first <see cref="FrameHeader.Size"/> bytes of
    /// <paramref name="frame"/> (sequence number, CRCs) and adds the frame and then its parts to <paramref name="message"/>.
    /// </summary>
    public void SealFrame(OutgoingMessage message, byte[] frame, int frameLength, FrameKind kind, IReadOnlyList<OutgoingPart>? parts)
    {
        int payload = frameLength - FrameHeader.Size;
        uint crc = System.IO.Hashing.Crc32.HashToUInt32(frame.AsSpan(FrameHeader.Size, payload));
        new FrameHeader((uint)payload, kind, _nextSequence++, crc).WriteTo(frame);
        message.Add(OutgoingPart.FromMemory(frame.AsMemory(0, frameLength)));
        if (parts is null)
        {
            return;
        }

        foreach (OutgoingPart part in parts)
        {
            byte[] header = new byte[FrameHeader.Size];
            new FrameHeader((uint)part.ByteLength, FrameKind.Binary, _nextSequence++, part.Crc32()).WriteTo(header);
            message.Add(OutgoingPart.FromMemory(header));
            message.Add(part);
        }
    }

    /// <summary>Under <see cref="Lock"/>: writes as much of <paramref name="message"/> as the pipe takes now; true when all of it.</summary>
    public bool TryWrite(OutgoingMessage message)
    {
        if (_broken is Exception broken)
        {
            throw new IOException("The stream to the Python process broke earlier; nothing more can be written.", broken);
        }

        try
        {
            while (!message.IsDone)
            {
                ReadOnlySpan<byte> chunk = message.Current;
                int written;
                if (_pipe is null)
                {
                    _stream.Write(chunk);
                    written = chunk.Length;
                }
                else if ((written = PipeWrite.WriteSome(_pipe, chunk)) == 0)
                {
                    return false;
                }

                message.Advance(written);
                Interlocked.Add(ref _bytesWritten, written);
            }

            _stream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _broken = e;
            throw;
        }
    }

    /// <summary>
    /// Finishes <paramref name="message"/> on a dedicated thread, then runs <paramref name="done"/> and releases
    /// <see cref="Lock"/> (which the caller handed over). The task faults when the pipe breaks.
    /// </summary>
    public Task DrainAsync(OutgoingMessage message, Action done) => Task.Factory.StartNew(() =>
    {
        try
        {
            while (!TryWrite(message))
            {
                PipePoll.WaitWritable(_pipe!, DrainPollNanoseconds);
            }
        }
        finally
        {
            done();
            Lock.Release();
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
