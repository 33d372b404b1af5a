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

    /// <summary>The reader thread: one blocking loop over frames until the child's output ends.</summary>
    private void ReadLoop()
    {
        Exception? error = null;
        try
        {
            while (_reader.TryReadHeader(out uint length, out FrameKind kind))
            {
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
                    Dispatch(header, json, parts);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        OnChildGone(error);
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

    private void Dispatch(in ResponseHeader header, ReadOnlySpan<byte> json, byte[][] parts)
    {
        if (!_pending.TryRemove(header.Id, out PendingCall? call))
        {
            Log.UnknownAnswer(_logger, ProcessId, header.Id);
            if (header.Ok && header.ValueStart >= 0)
            {
                new ValueDecoder(this, json.Slice(header.ValueStart, header.ValueLength), parts, discard: true).ReadRoot();
            }

            return;
        }

        try
        {
            if (!header.Ok)
            {
                call.TrySetException(header.ToException());
                return;
            }

            ReadOnlySpan<byte> value = header.ValueStart >= 0 ? json.Slice(header.ValueStart, header.ValueLength) : "null"u8;
            if (call.IsAbandoned)
            {
                // A late answer after a timeout or cancellation: release what it holds, tell nobody.
                new ValueDecoder(this, value, parts, discard: true).ReadRoot();
                return;
            }

            object? result;
            try
            {
                result = new ValueDecoder(this, value, parts, discard: false).ReadRoot();
            }
            catch (Exception e) when (e is not BridgeProtocolException)
            {
                call.TrySetException(e);
                return;
            }

            call.TrySetResult(result);
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
                call.TrySetException(fault);
            }
        }

        _exited.TrySetResult();
    }
}
