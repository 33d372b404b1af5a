using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge;

/// <summary>
/// One CPython child process and the connection to it: binary frames both ways, an in-flight window, handles,
/// typed errors. Start it with <see cref="StartAsync(PyBridgeOptions?, CancellationToken)"/>; dispose it to stop the child.
/// </summary>
/// <example><code>
/// await using var py = await PyBridge.StartAsync(new PyBridgeOptions { PythonExecutable = "/usr/bin/python3" });
/// double root = await py.Import("math").Call&lt;double&gt;("sqrt", 16);
/// </code></example>
[DebuggerDisplay("PyBridge #{Index} pid {ProcessId}")]
public sealed partial class PyBridge : IAsyncDisposable
{
    private readonly Process _process;
    private readonly PyBridgeOptions _options;
    private readonly ILogger _logger;
    private readonly FrameWriter _writer;
    private readonly FrameReader _reader;
    private readonly StderrPump _stderr;
    private readonly InFlightWindow _window;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentQueue<(long Id, int Count)> _releases = new();
    private readonly ConcurrentQueue<string> _unmaps = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _loneCallWaitNanoseconds;
    private long _nextId;
    private long _requestsSent;
    private int _flushScheduled;
    private int _disposeState;
    private volatile Exception? _fault;

    /// <summary>Calls abandoned after they were sent whose answers have not arrived (<see cref="IsBusy"/>).</summary>
    private int _stuckCalls;

    /// <summary>Why the bridge killed the child, when it did (reported by <see cref="PythonProcessExitedException"/>).</summary>
    private string? _hostKillReason;

    /// <summary>The small-call transport (see <see cref="Ring.SharedRing"/>); null when off or when Python could not map it.</summary>
    private Ring.SharedRing? _ring;

    /// <summary>Frame bytes that went through the ring instead of the pipe (counted in <see cref="PyBridgeStats"/> alike).</summary>
    private long _ringBytesSent;
    private long _ringBytesReceived;

    /// <summary>Set by the handshake: Python mapped the ring.</summary>
    private bool _ringMapped;

    /// <summary>The copy of the reply record being read (only the baton holder uses it).</summary>
    private readonly byte[] _ringRecord;

    /// <summary>Ring or pipe for the next lone call, by their measured round trips here.</summary>
    private readonly Ring.TransportChoice _transport = new();

    /// <summary>The lone caller's spin-then-wait for ring replies (only the baton holder uses it).</summary>
    private readonly Ring.AdaptiveSpin _replySpin;

    private PyBridge(Process process, PyBridgeOptions options, ILogger logger, StderrPump stderr, int index, Ring.SharedRing? ring)
    {
        _ring = ring;
        _ringRecord = ring is null ? Array.Empty<byte>() : new byte[ring.Replies.MaxRecord];
        _replySpin = new Ring.AdaptiveSpin(options.RingSpin);
        _process = process;
        _options = options;
        _logger = logger;
        _stderr = stderr;
        Index = index;
        ProcessId = process.Id;
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        _reader = new FrameReader(process.StandardOutput.BaseStream);
        _window = new InFlightWindow(options.MaxInFlight);
        Handles = new HandleTable(this);
        Lending = new Arrays.LendingPool(this);
        _loneCallWaitNanoseconds = _reader.CanWait && options.LoneCallWait > TimeSpan.Zero ? options.LoneCallWait.Ticks * 100 : 0;
    }

    /// <summary>The child's process id.</summary>
    public int ProcessId { get; }

    /// <summary>The position of this bridge in its pool (0 when alone).</summary>
    public int Index { get; }

    /// <summary>The child's Python version, e.g. <c>3.11.2</c>.</summary>
    public string PythonVersion { get; private set; } = "";

    /// <summary>True when the child can import numpy (shared arrays then appear as numpy arrays, else as memoryviews).</summary>
    public bool HasNumpy { get; private set; }

    /// <summary>False once the child has exited or the bridge was disposed.</summary>
    public bool IsAlive => _fault is null;

    /// <summary>
    /// True while a call that timed out or was cancelled after it was sent is still running in Python: calls sent now
    /// wait behind it. Ends when its late answer arrives, or with the child, killed after
    /// <see cref="PyBridgeOptions.AbandonedCallGrace"/>. <see cref="PyBridgePool.Next"/> avoids busy processes.
    /// </summary>
    public bool IsBusy => Volatile.Read(ref _stuckCalls) > 0 && _fault is null;

    /// <summary>Completes when the child has exited and every pending call has been failed.</summary>
    public Task Completion => _exited.Task;

    /// <summary>Lazily refers to the Python module <paramref name="module"/>; nothing is sent until a terminal call.</summary>
    public PyPath Import(string module) => new(this, module);

    /// <summary>The <c>builtins</c> module (<c>len</c>, <c>int</c>, <c>repr</c>, …).</summary>
    public PyPath Builtins => Import("builtins");

    /// <summary>True when small calls go through the shared-memory ring (<see cref="PyBridgeOptions.SmallCalls"/>).</summary>
    public bool UsesSharedMemoryRing => _ring is not null;

    /// <summary>The ring file's path while the ring is used (its name is removed once Python has mapped it), for tests.</summary>
    internal string? RingPath => _ring?.Path;

    /// <summary>The measured lone-call round trips of ring and pipe (Stopwatch ticks; 0 = not yet), for tests and benchmarks.</summary>
    internal (long Ring, long Pipe) TransportAverages => _transport.Averages;

    /// <summary>After the handshake: keep the ring when Python mapped it (then remove its name), else drop it.</summary>
    private void AdoptRing()
    {
        if (_ring is null)
        {
            return;
        }

        if (_ringMapped)
        {
            _ring.Unlink();
            return;
        }

        _ring.Dispose();
        _ring = null;
    }

    /// <summary>Requests sent and not answered yet (never more than <see cref="PyBridgeOptions.MaxInFlight"/>).</summary>
    public int InFlight => _window.InUse;

    internal HandleTable Handles { get; }

    /// <summary>Shared segments for large by-value arrays (see <see cref="Arrays.LendingPool"/>).</summary>
    internal Arrays.LendingPool Lending { get; }

    internal PyBridgeOptions Options => _options;

    /// <summary>Imports a module now (op <c>import</c>) and returns a handle to it.</summary>
    public async Task<PyObject> ImportAsync(string module, CancellationToken ct = default)
    {
        RequestWriter w = NewRequest("import");
        w.Json.WriteString("module", module);
        return PyConvert.To<PyObject>(await SendAsync(w, ReturnMode.Handle, null, ct).ConfigureAwait(false));
    }

    /// <summary>One empty round trip: a 25-byte binary ping frame (17-byte header, 8-byte id) that Python answers without parsing JSON.</summary>
    public async Task PingAsync(CancellationToken ct = default)
        => await SendAsync(RequestWriter.Ping(this, Interlocked.Increment(ref _nextId)), ReturnMode.None, null, ct).ConfigureAwait(false);

    /// <summary>Python's object-table size and the host's counters (op <c>stats</c>; queued releases are sent first).</summary>
    public async Task<PyBridgeStats> GetStatsAsync(CancellationToken ct = default)
    {
        object? raw = await SendAsync(NewRequest("stats"), ReturnMode.Auto, null, ct).ConfigureAwait(false);
        var python = PyConvert.To<Dictionary<string, long>>(raw);
        return new PyBridgeStats(
            python["objects"], python["refs"], python["maps"], python["requests"],
            Handles.Count, _window.InUse, _window.MaxObserved, Interlocked.Read(ref _requestsSent), _writer.BytesWritten + Interlocked.Read(ref _ringBytesSent), _reader.BytesRead + Interlocked.Read(ref _ringBytesReceived));
    }

    /// <summary>Starts a new request message with a fresh id.</summary>
    internal RequestWriter NewRequest(string op) => new(this, op, Interlocked.Increment(ref _nextId));

    /// <summary>
    /// Sends a finished request and waits for its answer: window slot, write, answer, with the timeout covering
    /// the whole wait. Disposes <paramref name="w"/>.
    /// </summary>
    internal async Task<object?> SendAsync(RequestWriter w, ReturnMode ret, TimeSpan? timeout, CancellationToken ct)
    {
        TimeSpan limit = timeout ?? _options.DefaultTimeout;
        long started = Stopwatch.GetTimestamp();
        PendingCall? call = null;
        bool ownedByDrain = false;
        try
        {
            w.Finish(ret);
            ThrowIfFaulted();
            if (!_window.TryEnter())
            {
                await _window.EnterAsync(Remaining(limit, started), ct).ConfigureAwait(false);
            }

            call = new PendingCall(w.Id, ret);
            Task? rest = null;
            try
            {
                _pending[w.Id] = call;
                if (!_writer.Lock.Wait(0) && !await _writer.Lock.WaitAsync(Remaining(limit, started), ct).ConfigureAwait(false))
                {
                    throw new TimeoutException();
                }

                rest = WriteLocked(w, call);
            }
            catch (IOException e)
            {
                throw await FaultAfterBrokenPipeAsync(e).ConfigureAwait(false);
            }
            finally
            {
                if (!call.IsWritten && _pending.TryRemove(w.Id, out _))
                {
                    _window.Release();
                }
            }

            if (rest is not null)
            {
                // The pipe was full (Python busy): the drain thread finishes the message; the caller's limits keep running.
                ownedByDrain = true;
                try
                {
                    await rest.WaitAsync(Remaining(limit, started), ct).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw await FaultAfterBrokenPipeAsync(e).ConfigureAwait(false);
                }
            }

            // A fault may have swept the pending table just before this call was added to it.
            if (_fault is Exception fault)
            {
                call.TrySetException(fault);
            }

            Task<object?> answer = call.Task;
            if (_loneCallWaitNanoseconds > 0 && _window.InUse == 1 && !answer.IsCompleted)
            {
                TryReadLoneAnswer(call, Math.Min(_loneCallWaitNanoseconds, RemainingNanoseconds(limit, started)));
            }
            else
            {
                EnsureReading();
            }

            // Task.WaitAsync uses one timer and no linked token source: cheaper than a CancellationTokenSource per call.
            if (!answer.IsCompleted)
            {
                answer = answer.WaitAsync(Remaining(limit, started), ct);
            }

            return await answer.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(call, limit);
            throw new TimeoutException($"Python did not answer within {limit} (process {ProcessId}).");
        }
        catch (OperationCanceledException)
        {
            Abandon(call, Stopwatch.GetElapsedTime(started));
            throw;
        }
        finally
        {
            if (!ownedByDrain)
            {
                w.Dispose();
            }
        }
    }

    /// <summary>
    /// Under the writer lock: frames queued releases and unmaps and then <paramref name="w"/>, and writes what the pipe
    /// takes. Returns null when all was written (the lock is released), else the drain task that finishes the message,
    /// disposes <paramref name="w"/> and releases the lock.
    /// </summary>
    private Task? WriteLocked(RequestWriter w, PendingCall call)
    {
        bool lockPassedOn = false;
        try
        {
            ThrowIfFaulted();
            OutgoingMessage message = _writer.RentMessage();
            uint firstSequence = _writer.NextSequence;
            FrameQueuedLocked(message);
            _writer.SealFrame(message, w.Buffer, w.Length, w.Kind, w.Parts);
            call.Lent = w.TakeLent();
            call.IsWritten = true; // committed: from the first byte on, the message is finished whatever happens to the caller
            Interlocked.Increment(ref _requestsSent);
            if (TryPublishToRingLocked(message, firstSequence))
            {
                call.ViaRing = true;
            }
            else
            {
                _ring?.Requests.CountPipeMessage(); // a Python spinning on the ring stops and reads the pipe
            }

            if (message.IsEmpty || _writer.TryWrite(message))
            {
                _writer.Return(message);
                w.Dispose(); // the message is out: buffer back to the pool, parts released
                return null;
            }

            lockPassedOn = true;
            return _writer.DrainAsync(message, w.Dispose);
        }
        finally
        {
            if (!lockPassedOn)
            {
                _writer.Lock.Release();
            }
        }
    }

    /// <summary>
    /// Under the writer lock: puts <paramref name="message"/> into the ring's request slot when it is the only call in
    /// flight, Python has read every frame sent before it through the pipe (so nothing can be waiting ahead of it), the
    /// slot is free and the message fits. Then
    /// <paramref name="message"/> holds only the doorbell Python needs if it stopped spinning, or nothing.
    /// </summary>
    private bool TryPublishToRingLocked(OutgoingMessage message, uint firstSequence)
    {
        if (_ring is not { } ring || _window.InUse != 1 || (_options.SmallCalls == SmallCallTransport.Adaptive && !_transport.PreferRing()) || !ring.Requests.TryPublish(message, firstSequence))
        {
            return false;
        }

        Interlocked.Add(ref _ringBytesSent, message.TotalBytes);
        message.Clear();
        if (ring.Requests.ReaderSleeping)
        {
            message.Add(OutgoingPart.FromMemory(FrameHeader.Doorbell));
        }

        return true;
    }

    /// <summary>
    /// The caller gave up. A call Python has (or will have) received keeps the bridge busy until its late answer is
    /// read; after <see cref="PyBridgeOptions.AbandonedCallGrace"/> without it, the child is killed (see the option).
    /// </summary>
    private void Abandon(PendingCall? call, TimeSpan waited)
    {
        if (call is null)
        {
            return;
        }

        call.Abandon();
        if (!call.IsWritten || _fault is not null)
        {
            return;
        }

        if (call.TryMarkStuck(_options.AbandonedCallGrace, s_graceExpired, (this, call, waited)))
        {
            Interlocked.Increment(ref _stuckCalls);
            if (!_pending.ContainsKey(call.Id) && call.TryClearStuck())
            {
                Interlocked.Decrement(ref _stuckCalls); // answered while it was being abandoned
            }
        }
    }

    private static readonly TimerCallback s_graceExpired = static state =>
    {
        var (bridge, call, waited) = ((PyBridge, PendingCall, TimeSpan))state!;
        if (call.IsStuck && bridge._pending.ContainsKey(call.Id))
        {
            bridge.KillForReason(
                $"request {call.Id} timed out or was cancelled after {waited.TotalSeconds:0.###} s and Python was "
                + $"still running it {bridge._options.AbandonedCallGrace.TotalSeconds:0.###} s later (PyBridgeOptions.AbandonedCallGrace); "
                + "the calls behind it would all have timed out");
        }
    };

    /// <summary>Kills the child and remembers why, so every failed call says the bridge did it.</summary>
    private void KillForReason(string reason)
    {
        Interlocked.CompareExchange(ref _hostKillReason, reason, null);
        Log.Killed(_logger, ProcessId, reason);
        KillQuietly();
    }

    /// <summary>What is left of <paramref name="limit"/> since <paramref name="started"/> (infinite stays infinite, never negative).</summary>
    private static TimeSpan Remaining(TimeSpan limit, long started)
    {
        if (limit == Timeout.InfiniteTimeSpan)
        {
            return limit;
        }

        TimeSpan left = limit - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static long RemainingNanoseconds(TimeSpan limit, long started)
        => limit == Timeout.InfiniteTimeSpan ? long.MaxValue : Remaining(limit, started).Ticks * 100;

    /// <summary>Queues the release of <paramref name="count"/> received references of handle <paramref name="id"/>.</summary>
    internal void EnqueueRelease(long id, int count)
    {
        if (_fault is not null)
        {
            return; // the object table died with the process
        }

        _releases.Enqueue((id, count));
        ScheduleFlush();
    }

    /// <summary>Queues "drop your mapping of this shared file".</summary>
    internal void EnqueueUnmap(string path)
    {
        if (_fault is not null)
        {
            return;
        }

        _unmaps.Enqueue(path);
        ScheduleFlush();
    }

    /// <summary>Writes queued releases and unmaps now.</summary>
    internal async Task FlushQueuedAsync()
    {
        if (_fault is not null)
        {
            return;
        }

        await _writer.Lock.WaitAsync().ConfigureAwait(false);
        Task? rest = null;
        try
        {
            var message = new OutgoingMessage();
            if (_fault is null)
            {
                FrameQueuedLocked(message);
            }

            if (!message.IsEmpty)
            {
                _ring?.Requests.CountPipeMessage();
                if (!_writer.TryWrite(message))
                {
                    rest = _writer.DrainAsync(message, static () => { });
                }
            }
        }
        catch (IOException)
        {
            // The child is gone; the reader thread reports it. Its object table no longer exists.
        }
        finally
        {
            if (rest is null)
            {
                _writer.Lock.Release();
            }
        }

        if (rest is not null)
        {
            try
            {
                await rest.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // As above.
            }
        }
    }

    /// <summary>Called by handles; throws when the bridge can no longer be used.</summary>
    internal void ThrowIfFaulted()
    {
        if (_fault is Exception fault)
        {
            throw fault is ObjectDisposedException ? new ObjectDisposedException(nameof(PyBridge), fault.Message) : fault;
        }
    }

    private void ScheduleFlush()
    {
        // Never flush on the caller's thread: finalizers and the reader thread must not wait for the writer lock.
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static bridge =>
            {
                Volatile.Write(ref bridge._flushScheduled, 0);
                _ = bridge.FlushQueuedAsync();
            }, this, preferLocal: false);
        }
    }

    /// <summary>Under the writer lock: frames the queued releases and unmaps into <paramref name="message"/>.</summary>
    private void FrameQueuedLocked(OutgoingMessage message)
    {
        if (!_releases.IsEmpty)
        {
            using var w = new RequestWriter(this, "release", 0);
            w.Json.WriteStartArray("refs");
            while (_releases.TryDequeue(out (long Id, int Count) release))
            {
                w.Json.WriteStartArray();
                w.Json.WriteNumberValue(release.Id);
                w.Json.WriteNumberValue(release.Count);
                w.Json.WriteEndArray();
            }

            w.Json.WriteEndArray();
            w.Finish(ReturnMode.Auto);
            _writer.SealFrame(message, w.Buffer.AsSpan(0, w.Length).ToArray(), w.Length, FrameKind.Json, null);
        }

        if (!_unmaps.IsEmpty)
        {
            using var w = new RequestWriter(this, "unmap", 0);
            w.Json.WriteStartArray("paths");
            while (_unmaps.TryDequeue(out string? path))
            {
                w.Json.WriteStringValue(path);
            }

            w.Json.WriteEndArray();
            w.Finish(ReturnMode.Auto);
            _writer.SealFrame(message, w.Buffer.AsSpan(0, w.Length).ToArray(), w.Length, FrameKind.Json, null);
        }
    }

    private async Task<Exception> FaultAfterBrokenPipeAsync(IOException e)
    {
        // A write failed because the child closed its stdin (it exited): wait for the reader to learn the exit code.
        await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        return _fault ?? new BridgeException($"Writing to Python process {ProcessId} failed.", e);
    }

    /// <summary>Stops the child: closes its stdin (it exits cleanly), kills it after <see cref="PyBridgeOptions.ShutdownTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeState, 1) != 0)
        {
            await _exited.Task.ConfigureAwait(false);
            return;
        }

        if (await _writer.Lock.WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false))
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }
            finally
            {
                _writer.Lock.Release();
            }
        }

        using (var wait = new CancellationTokenSource(_options.ShutdownTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillQuietly();
            }
        }

        await Task.WhenAny(_exited.Task, Task.Delay(_options.ShutdownTimeout)).ConfigureAwait(false);
        if (_ring is not null && _exited.Task.IsCompleted && await _writer.Lock.WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false))
        {
            // Nobody reads (the reading ended for good) and nobody writes (the lock): the mapping can go.
            _ring.Dispose();
            _writer.Lock.Release();
        }

        _process.Dispose();
    }

    private void KillQuietly()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PyBridge #{Index} (pid {ProcessId}, Python {PythonVersion})";

    internal ILogger Logger => _logger;

    internal static ILogger CreateLogger(PyBridgeOptions options)
        => (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Prom.Bridge.Python");
}
