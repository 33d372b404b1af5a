using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Prom.Bridge;

/// <summary>How to start and run a Python child process.</summary>
public sealed class PyBridgeOptions
{
    /// <summary>The CPython 3.8+ executable: a name on PATH or a full path. Default <c>python3</c>.</summary>
    public string PythonExecutable { get; set; } = "python3";

    /// <summary>The most requests sent and not yet answered at any moment (default 64, at least 1).</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>Timeout of a call that does not give its own (default 100 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long the child may take to start and answer the handshake (default 15 s).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <see cref="PyBridge.DisposeAsync"/> waits for a clean exit before killing the child (default 3 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a call that is the only one in flight waits for its answer on the calling thread before it returns an
    /// incomplete task (default 10 ms; <see cref="TimeSpan.Zero"/> turns it off). The thread blocks in the kernel on
    /// the child's output (<c>ppoll</c>, no CPU), exactly as a plain pipe echo loop blocks in <c>read</c>, and reads the
    /// answer itself: a request/response loop then pays no reader-thread wake-up and no hand-over, and continues
    /// synchronously. Slower answers are read by the bridge's reader threads after the wait. The default is long
    /// enough that scheduling delays on a busy machine rarely push a quick answer past it (each answer that misses it
    /// pays two extra thread wake-ups) and short enough that a slow call holds the calling thread only briefly. At most
    /// one thread per bridge waits this way, and calls started while another is in flight never wait — but a thread
    /// that starts many quick calls before awaiting any gets them answered one after another; set zero for that
    /// pattern on a machine with cores to spare. Linux only (elsewhere answers are always read by reader threads).
    /// </summary>
    public TimeSpan LoneCallWait { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How small calls travel (default <see cref="SmallCallTransport.Pipe"/>; see docs/bridge.md, "Transport", for when to
    /// choose <see cref="SmallCallTransport.SharedMemory"/> or <see cref="SmallCallTransport.Adaptive"/>). A call that is the only one in flight
    /// and whose request fits a 64 KiB slot can go through a ring in a memory-mapped file both processes map, its answer
    /// coming back the same way when it fits; everything else takes the pipe. Both sides spin briefly for the other's
    /// record (<see cref="RingSpin"/>) and then block on the pipe, which also carries the wake-ups. Linux on x64 only
    /// (the Python half relies on x86's ordering of its fence); elsewhere every message takes the pipe.
    /// </summary>
    public SmallCallTransport SmallCalls { get; set; } = SmallCallTransport.Pipe;

    /// <summary>
    /// How long each side of the shared-memory ring spins for the other's record before it blocks (default 50 µs;
    /// <see cref="TimeSpan.Zero"/> never spins). Spinning is adaptive: a side that waited longer than this twice in a
    /// row stops spinning until a wait is short again, so an idle bridge or slow calls burn no CPU.
    /// </summary>
    public TimeSpan RingSpin { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// How long a call that timed out (or was cancelled) after it was sent may keep Python busy (default 10 s;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits for ever). Python runs one request at a time, so a
    /// call stuck in Python holds up every call behind it: during the grace <see cref="PyBridge.IsBusy"/> is true (a pool
    /// sends new work elsewhere); when the grace passes without the late answer, the bridge kills the child and every
    /// pending and later call fails at once with a <see cref="PythonProcessExitedException"/> naming the stuck request
    /// (<see cref="PythonProcessExitedException.KilledByHost"/>), instead of each timing out in turn.
    /// </summary>
    public TimeSpan AbandonedCallGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Receives the child's stderr (category <c>Prom.Bridge.Python</c>) and the bridge's own events. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The child's working directory (default: inherited).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables of the child (a null value removes a variable).</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>();
}
