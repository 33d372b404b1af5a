using System;
using System.Buffers;
using System.IO;
using System.Threading;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge;

public sealed partial class PyBridge
{
    /// <summary>Control frames larger than this are treated as a broken stream.</summary>
    private const uint MaxControlFrame = 1u << 30;

    /// <summary>
    /// A reader thread. Exactly one thread at a time holds the read baton and reads the next message; it decodes it,
    /// makes sure another thread is waiting to read, hands the baton on, and only then completes the call — so the
    /// caller's continuation runs right here, without a thread-pool hop, and can block or run long without ever
    /// stopping the reading of later answers (a new reader thread is started when none is waiting).
    /// </summary>
    private void ReaderWorker()
    {
        while (true)
        {
            Interlocked.Increment(ref _readersWaiting);
            _readBaton.Wait();
            Interlocked.Decrement(ref _readersWaiting);
            if (_readingDone)
            {
                _readBaton.Release();
                return;
            }

            Completion completion;
            try
            {
                if (!TryReadOne(out completion))
                {
                    FinishReading(null);
                    return;
                }
            }
            catch (Exception e)
            {
                FinishReading(e);
                return;
            }

            if (Volatile.Read(ref _readersWaiting) == 0)
            {
                StartReaderThread();
            }

            _readBaton.Release();
            completion.Complete();
        }
    }

    private void StartReaderThread()
    {
        var thread = new Thread(ReaderWorker) { IsBackground = true, Name = $"prom-bridge reader {ProcessId}" };
        thread.Start();
    }

    private void FinishReading(Exception? error)
    {
        _readingDone = true;
        _readBaton.Release(); // the other reader threads wake, see the end, and leave
        OnChildGone(error);
    }

    /// <summary>Reads one message and settles its bookkeeping; false at the end of the stream.</summary>
    private bool TryReadOne(out Completion completion)
    {
        completion = default;
        if (!_reader.TryReadHeader(out uint length, out FrameKind kind))
        {
            return false;
        }

        if (kind != FrameKind.Json || length > MaxControlFrame)
        {
            throw new BridgeProtocolException($"Expected a JSON control frame, got kind {(byte)kind} of {length} bytes.");
        }

        byte[] frame = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            _reader.ReadExactly(frame.AsSpan(0, (int)length));
            ReadOnlySpan<byte> json = frame.AsSpan(0, (int)length);
            ResponseHeader header = ResponseHeader.Parse(json);
            byte[][] parts = ReadParts(header.PartCount);
            completion = Dispatch(header, json, parts);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private byte[][] ReadParts(int count)
    {
        if (count == 0)
        {
            return Array.Empty<byte[]>();
        }

        var parts = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            if (!_reader.TryReadHeader(out uint length, out FrameKind kind) || kind != FrameKind.Binary || length > int.MaxValue)
            {
                throw new BridgeProtocolException($"Expected binary part {i} of {count}.");
            }

            parts[i] = length == 0 ? Array.Empty<byte>() : GC.AllocateUninitializedArray<byte>((int)length);
            _reader.ReadExactly(parts[i]);
        }

        return parts;
    }

    /// <summary>Decodes an answer for its pending call; the call is completed later, by <see cref="Completion.Complete"/>.</summary>
    private Completion Dispatch(in ResponseHeader header, ReadOnlySpan<byte> json, byte[][] parts)
    {
        if (!_pending.TryRemove(header.Id, out PendingCall? call))
        {
            Log.UnknownAnswer(_logger, ProcessId, header.Id);
            if (header.Ok && header.ValueStart >= 0)
            {
                new ValueDecoder(this, json.Slice(header.ValueStart, header.ValueLength), parts, discard: true).ReadRoot();
            }

            return default;
        }

        try
        {
            if (!header.Ok)
            {
                return new Completion(call, null, header.ToException());
            }

            ReadOnlySpan<byte> value = header.ValueStart >= 0 ? json.Slice(header.ValueStart, header.ValueLength) : "null"u8;
            if (call.IsAbandoned)
            {
                // A late answer after a timeout or cancellation: release what it holds, tell nobody.
                new ValueDecoder(this, value, parts, discard: true).ReadRoot();
                return default;
            }

            try
            {
                return new Completion(call, new ValueDecoder(this, value, parts, discard: false).ReadRoot(), null);
            }
            catch (Exception e) when (e is not BridgeProtocolException)
            {
                return new Completion(call, null, e);
            }
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>The child's output ended (or broke): fault the window and every pending call with one exception.</summary>
    private void OnChildGone(Exception? readError)
    {
        if (readError is not null and not EndOfStreamException and not IOException)
        {
            // The stream is desynchronised for good; a child we cannot talk to must not linger.
            KillQuietly();
        }

        int? exitCode = null;
        try
        {
            if (_process.WaitForExit(5000))
            {
                exitCode = _process.ExitCode;
            }
        }
        catch (InvalidOperationException)
        {
            // Disposed meanwhile.
        }

        _stderr.Completion.Wait(TimeSpan.FromSeconds(1));
        Exception fault = Volatile.Read(ref _disposeState) != 0
            ? new ObjectDisposedException(nameof(PyBridge), $"The bridge to Python process {ProcessId} was disposed.")
            : readError is BridgeProtocolException protocol
                ? protocol
                : new PythonProcessExitedException(exitCode, ProcessId, _stderr.Tail);
        _fault = fault;
        Log.Exited(_logger, ProcessId, fault.Message, readError);
        _window.Fault(fault);
        foreach (long id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out PendingCall? call))
            {
                // Continuations run inline on completion; on the pool, one blocking caller cannot hold up the others.
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Call.TrySetException(state.Fault), (Call: call, Fault: fault), preferLocal: false);
            }
        }

        _exited.TrySetResult();
    }
}
