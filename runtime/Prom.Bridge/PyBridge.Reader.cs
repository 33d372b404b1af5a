using System;
using System.IO;
using System.Threading;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge;

public sealed partial class PyBridge
{
    /// <summary>A reader thread idle this long leaves when another reader thread is waiting too.</summary>
    private static readonly TimeSpan s_idleReaderLifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The read baton: 1 while one thread reads the child's output — a reader thread, or a lone caller reading its own
    /// answer (<see cref="TryReadLoneAnswer"/>). Only the holder touches <see cref="_reader"/>. Nobody holds it (and no
    /// thread sits in <c>read</c>) while no answer is expected, so that the next lone caller can take it. Once the
    /// output has ended it stays taken for good.
    /// </summary>
    private int _baton;

    /// <summary>Reader threads wait here for "answers are expected and nobody reads".</summary>
    private readonly SemaphoreSlim _wakeReader = new(0, int.MaxValue);

    /// <summary>Reader threads blocked on <see cref="_wakeReader"/>; when none is, a new thread is started.</summary>
    private int _readersWaiting;

    private volatile bool _readingDone;

    /// <summary>Set by <see cref="System.Diagnostics.Process.Exited"/>: read to the end even when no answer is expected.</summary>
    private volatile bool _childExited;

    /// <summary>
    /// Answers are expected (or the end of the stream is), so somebody must read. A window slot is held from before a
    /// request is added to the pending table until its answer (even a late one) has been read, so the slot count covers
    /// every expected answer — and reading it is one volatile read, where an empty
    /// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}.IsEmpty"/> takes all its locks.
    /// </summary>
    private bool ReadingNeeded => _window.InUse > 0 || _childExited;

    private bool TryTakeBaton() => Interlocked.CompareExchange(ref _baton, 1, 0) == 0;

    /// <summary>
    /// Gives the baton back, then makes sure answers still expected are read. The check after the release pairs with
    /// the caller's enter-then-try-take: either that caller takes the baton, or this check sees its window slot.
    /// </summary>
    private void ReleaseBaton()
    {
        Interlocked.Exchange(ref _baton, 0);
        if (ReadingNeeded)
        {
            WakeReader();
        }
    }

    /// <summary>
    /// Called after a request took its window slot and was written: when nobody holds the baton, wakes a reader. The
    /// full fence orders the slot before the read of the baton; paired with <see cref="ReleaseBaton"/>, either this
    /// sees the baton free or its holder sees the slot when it lets go.
    /// </summary>
    private void EnsureReading()
    {
        if (Interlocked.CompareExchange(ref _baton, 0, 0) == 0)
        {
            WakeReader();
        }
    }

    /// <summary>Wakes a reader thread, starting one when none is waiting.</summary>
    private void WakeReader()
    {
        if (_readingDone)
        {
            return;
        }

        if (Volatile.Read(ref _readersWaiting) == 0)
        {
            StartReaderThread();
        }

        _wakeReader.Release();
    }

    /// <summary>After the handshake: one reader thread, and a watch on the child's exit.</summary>
    private void StartReading()
    {
        StartReaderThread();

        // An exit while no answer is expected must still end the bridge (IsAlive, Completion): read to the end then.
        _process.Exited += (_, _) => OnProcessExited();
        _process.EnableRaisingEvents = true;
        if (_process.HasExited)
        {
            OnProcessExited();
        }
    }

    private void OnProcessExited()
    {
        _childExited = true;
        WakeReader();
    }

    private void StartReaderThread()
    {
        var thread = new Thread(ReaderWorker) { IsBackground = true, Name = $"prom-bridge reader {ProcessId}" };
        thread.Start();
    }

    /// <summary>
    /// A reader thread. It waits until answers are expected, takes the baton and reads one message; then it hands the
    /// baton back (waking another reader when more answers are expected) and only then completes the call — so the
    /// caller's continuation runs right here, without a thread-pool hop, and can block or run long without ever
    /// stopping the reading of later answers.
    /// </summary>
    private void ReaderWorker()
    {
        while (true)
        {
            Interlocked.Increment(ref _readersWaiting);
            bool woken = _wakeReader.Wait(s_idleReaderLifetime);
            int othersWaiting = Interlocked.Decrement(ref _readersWaiting);
            if (_readingDone)
            {
                _wakeReader.Release(); // pass the end on to the next waiting reader
                return;
            }

            if (!woken && othersWaiting > 0)
            {
                return; // idle, and another thread is ready to read
            }

            // Also after an idle timeout: reading when answers are expected and nobody reads is always right.
            while (ReadingNeeded && TryTakeBaton())
            {
                if (!TryReadOneOrFinish(out Completion completion))
                {
                    return;
                }

                ReleaseBaton();
                completion.Complete();
            }
        }
    }

    /// <summary>
    /// The lone-call fast path, run by <see cref="SendAsync"/> right after writing a request that is the only one in
    /// flight: when no thread reads, the calling thread takes the baton and waits on the pipe itself (in <c>ppoll</c>,
    /// as a plain echo loop waits in <c>read</c>) for up to <paramref name="nanoseconds"/>, then reads the answer. No
    /// reader thread wakes, nothing is handed over, and the caller goes on synchronously with a completed task. When
    /// the answer is slower the baton goes back and a reader thread takes over.
    /// </summary>
    private void TryReadLoneAnswer(PendingCall call, long nanoseconds)
    {
        if (!TryTakeBaton())
        {
            return;
        }

        // Checked under the baton: a second call in flight may be answered first; leave answers to the reader threads then.
        if (_window.InUse != 1 || call.Task.IsCompleted || !_reader.WaitReadable(nanoseconds))
        {
            ReleaseBaton();
            return;
        }

        if (!TryReadOneOrFinish(out Completion completion))
        {
            return;
        }

        ReleaseBaton();
        if (completion.IsFor(call))
        {
            completion.Complete(); // nothing awaits this task yet: no continuation runs here
        }
        else
        {
            // Another caller's answer after all: its continuation must not run on this caller's thread.
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Complete(), completion, preferLocal: false);
        }
    }

    /// <summary>Reads one message while holding the baton; at the end of the stream (or a broken one) finishes reading.</summary>
    private bool TryReadOneOrFinish(out Completion completion)
    {
        try
        {
            if (TryReadOne(out completion))
            {
                return true;
            }

            FinishReading(null);
        }
        catch (Exception e)
        {
            completion = default;
            FinishReading(e);
        }

        return false;
    }

    private void FinishReading(Exception? error)
    {
        _readingDone = true; // the baton is never given back
        _wakeReader.Release(); // the reader threads wake, see the end, and leave
        OnChildGone(error);
    }

    /// <summary>Reads one message and settles its bookkeeping; false at the end of the stream.</summary>
    private bool TryReadOne(out Completion completion)
    {
        completion = default;
        if (!AnswerReader.TryRead(_reader, out ReceivedAnswer answer))
        {
            return false;
        }

        try
        {
            completion = Dispatch(answer.Header, answer.Json, answer.Parts);
            return true;
        }
        finally
        {
            answer.Return();
        }
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

        ReturnLent(call, header.Kept);
        if (call.TryClearStuck())
        {
            Interlocked.Decrement(ref _stuckCalls); // the late answer of an abandoned call: Python is free again
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

    /// <summary>Gives a call's lent segments back to the pool, except those Python still refers to.</summary>
    private void ReturnLent(PendingCall call, string[]? kept)
    {
        if (call.Lent is not { } lent)
        {
            return;
        }

        call.Lent = null;
        foreach (Arrays.SharedMemoryFile segment in lent)
        {
            Lending.Return(segment, keptByPython: kept is not null && Array.IndexOf(kept, segment.Path) >= 0);
        }
    }

    /// <summary>The child's output ended (or broke): fault the window and every pending call with one exception.</summary>
    private void OnChildGone(Exception? readError)
    {
        if (readError is not null and not EndOfStreamException and not IOException)
        {
            // The stream cannot be trusted any more; a child we cannot talk to must not linger. The error says so.
            readError = new BridgeProtocolException(
                $"The bridge stopped Python process {ProcessId} because its output broke the protocol: {readError.Message}", readError);
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
                : new PythonProcessExitedException(exitCode, ProcessId, _stderr.Tail, _hostKillReason);
        _fault = fault;
        Log.Exited(_logger, ProcessId, fault.Message, readError);
        _window.Fault(fault);
        foreach (long id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out PendingCall? call))
            {
                ReturnLent(call, null);
                // Continuations run inline on completion; on the pool, one blocking caller cannot hold up the others.
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Call.TrySetException(state.Fault), (Call: call, Fault: fault), preferLocal: false);
            }
        }

        Lending.Dispose();
        _exited.TrySetResult();
    }
}
