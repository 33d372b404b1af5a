using System;
using System.Diagnostics;
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
                if (TryReadOneOrFinish(mayBlock: true, out Completion completion) == ReadOutcome.Finished)
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
    /// flight: when no thread reads, the calling thread takes the baton and waits for the answer itself for up to
    /// <paramref name="nanoseconds"/> — a request that went through the shared ring first spins briefly on the reply
    /// slot (<see cref="Ring.AdaptiveSpin"/>), then, like a pipe request, blocks in <c>ppoll</c> on the pipe, which
    /// brings the answer or the doorbell of a ring reply. No reader thread wakes, nothing is handed over, and the
    /// caller goes on synchronously with a completed task. When the answer is slower the baton goes back and a reader
    /// thread takes over.
    /// </summary>
    private void TryReadLoneAnswer(PendingCall call, long nanoseconds)
    {
        if (!TryTakeBaton())
        {
            return;
        }

        // Checked under the baton: a second call in flight may be answered first; leave answers to the reader threads then.
        if (_window.InUse != 1 || call.Task.IsCompleted)
        {
            ReleaseBaton();
            return;
        }

        long started = Stopwatch.GetTimestamp();
        if (call.ViaRing && _ring is { } ring && _replySpin.ShouldSpin())
        {
            ring.Replies.SetReaderSleeping(false); // Python need not ring the doorbell while this thread watches the slot
            try
            {
                _replySpin.SpinFor(ring.Replies, started);
            }
            finally
            {
                ring.Replies.SetReaderSleeping(true); // full fence, then the slot is looked at again below
            }
        }

        Completion completion;
        while (true)
        {
            ReadOutcome outcome = TryReadOneOrFinish(mayBlock: false, out completion);
            if (outcome == ReadOutcome.Finished)
            {
                return;
            }

            if (outcome == ReadOutcome.Answer)
            {
                break;
            }

            long left = nanoseconds - (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds;
            if (left <= 0 || !_reader.WaitReadable(left))
            {
                ReleaseBaton();
                return;
            }
        }

        if (_ring is not null && _options.SmallCalls == SmallCallTransport.Adaptive && completion.IsFor(call))
        {
            _transport.Record(call.ViaRing, Stopwatch.GetTimestamp() - started); // only Adaptive decides by it
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

    /// <summary>What one read attempt gave.</summary>
    private enum ReadOutcome
    {
        /// <summary>An answer was read and settled.</summary>
        Answer,

        /// <summary>Nothing to read without blocking (only with <c>mayBlock: false</c>; a doorbell may have been consumed).</summary>
        Nothing,

        /// <summary>The stream ended or broke; reading is over for good.</summary>
        Finished,
    }

    /// <summary>
    /// Reads one message while holding the baton; at the end of the stream (or a broken one) finishes reading — on a
    /// thread of its own when the reader is a lone caller (<paramref name="mayBlock"/> false), because finishing waits
    /// for the child's exit and the end of its stderr, which must not hold a caller's (often a thread-pool) thread.
    /// </summary>
    private ReadOutcome TryReadOneOrFinish(bool mayBlock, out Completion completion)
    {
        Exception? error = null;
        try
        {
            ReadOutcome outcome = TryReadOne(mayBlock, out completion);
            if (outcome != ReadOutcome.Finished)
            {
                return outcome;
            }
        }
        catch (Exception e)
        {
            completion = default;
            error = e;
        }

        if (mayBlock)
        {
            FinishReading(error);
        }
        else
        {
            FinishReadingOnItsOwnThread(error);
        }

        return ReadOutcome.Finished;
    }

    /// <summary>A method of its own so that the closure is allocated only here, not on every read.</summary>
    private void FinishReadingOnItsOwnThread(Exception? error)
        => new Thread(() => FinishReading(error)) { IsBackground = true, Name = $"prom-bridge end {ProcessId}" }.Start();

    private void FinishReading(Exception? error)
    {
        _readingDone = true; // the baton is never given back
        _wakeReader.Release(); // the reader threads wake, see the end, and leave
        OnChildGone(error);
    }

    /// <summary>
    /// Reads one message — from the ring's reply slot when a record waits there, else from the pipe — and settles its
    /// bookkeeping. A doorbell on the pipe only sends it back to the slot. With <paramref name="mayBlock"/> false it
    /// never blocks on an empty pipe (<see cref="ReadOutcome.Nothing"/>); <see cref="ReadOutcome.Finished"/> at the end
    /// of the stream.
    /// </summary>
    private ReadOutcome TryReadOne(bool mayBlock, out Completion completion)
    {
        completion = default;
        while (true)
        {
            ReceivedAnswer answer;
            int length = _ring is { } ring ? ring.Replies.TryTake(_ringRecord) : -1;
            if (length >= 0)
            {
                answer = AnswerReader.ReadRecord(_reader, _ringRecord, length);
                Interlocked.Add(ref _ringBytesReceived, length);
            }
            else if (!mayBlock && !_reader.WaitReadable(0))
            {
                return ReadOutcome.Nothing;
            }
            else if (!AnswerReader.TryRead(_reader, out answer))
            {
                return ReadOutcome.Finished;
            }
            else if (answer.IsDoorbell)
            {
                continue;
            }

            try
            {
                completion = Dispatch(answer.Header, answer.Json, answer.Parts);
                return ReadOutcome.Answer;
            }
            finally
            {
                answer.Return();
            }
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
        foreach (Arrays.PooledSegment segment in lent)
        {
            segment.Release(keptByPython: kept is not null && Array.IndexOf(kept, segment.Path) >= 0);
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
