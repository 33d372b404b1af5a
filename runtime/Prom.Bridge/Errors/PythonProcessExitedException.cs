namespace Prom.Bridge;

/// <summary>
/// The Python child process ended; every pending and queued call of that bridge fails with this. When the bridge
/// itself killed the child (a call stuck past <see cref="PyBridgeOptions.AbandonedCallGrace"/>, a broken write),
/// <see cref="KilledByHost"/> is true and the message says why: the exit code is then the kill's, not Python's.
/// </summary>
public sealed class PythonProcessExitedException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public PythonProcessExitedException(int? exitCode, int processId, string stderrTail)
        : this(exitCode, processId, stderrTail, null)
    {
    }

    /// <summary>Creates the exception for a child the bridge killed for <paramref name="hostKillReason"/> (null: it exited by itself).</summary>
    public PythonProcessExitedException(int? exitCode, int processId, string stderrTail, string? hostKillReason)
        : base(Describe(exitCode, processId, stderrTail, hostKillReason))
    {
        ExitCode = exitCode;
        ProcessId = processId;
        StderrTail = stderrTail;
        HostKillReason = hostKillReason;
    }

    /// <summary>The exit code of the child, or null when it could not be read.</summary>
    public int? ExitCode { get; }

    /// <summary>The process id of the child.</summary>
    public int ProcessId { get; }

    /// <summary>The last few kilobytes the child wrote to stderr.</summary>
    public string StderrTail { get; }

    /// <summary>True when the bridge killed the child (see <see cref="HostKillReason"/>).</summary>
    public bool KilledByHost => HostKillReason is not null;

    /// <summary>Why the bridge killed the child, or null when it exited by itself.</summary>
    public string? HostKillReason { get; }

    private static string Describe(int? exitCode, int processId, string stderrTail, string? hostKillReason)
    {
        string code = exitCode is int c ? $"exit code {c}" : "unknown exit code";
        string message = hostKillReason is null
            ? $"The Python process {processId} exited ({code})."
            : $"The Python process {processId} was killed by the bridge ({code}): {hostKillReason}";
        return stderrTail.Length == 0 ? message : message + " Last stderr output:\n" + stderrTail;
    }
}
