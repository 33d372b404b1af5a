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
    /// How long a call spins for its answer, on the calling thread, before it returns an incomplete task — only when it
    /// is the only call in flight. Default <see cref="TimeSpan.Zero"/> (off). Around 50 µs saves a thread-pool hop
    /// per call in request/response loops that await every call, at the cost of some CPU; do not turn it on where one
    /// thread starts many calls before awaiting them: each start would wait for its answer, so they would not pipeline.
    /// </summary>
    public TimeSpan SpinBeforeAwait { get; set; } = TimeSpan.Zero;

    /// <summary>Receives the child's stderr (category <c>Prom.Bridge.Python</c>) and the bridge's own events. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The child's working directory (default: inherited).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables of the child (a null value removes a variable).</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>();
}
