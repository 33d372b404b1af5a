namespace Prom.Bridge;

/// <summary>The Python child process ended; every pending and queued call of that bridge fails with this.</summary>
public sealed class PythonProcessExitedException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public PythonProcessExitedException(int? exitCode, int processId, string stderrTail)
        : base(Describe(exitCode, processId, stderrTail))
    {
        ExitCode = exitCode;
        ProcessId = processId;
        StderrTail = stderrTail;
    }

    /// <summary>The exit code of the child, or null when it could not be read.</summary>
    public int? ExitCode { get; }

    /// <summary>The process id of the child.</summary>
    public int ProcessId { get; }

    /// <summary>The last few kilobytes the child wrote to stderr.</summary>
    public string StderrTail { get; }

    private static string Describe(int? exitCode, int processId, string stderrTail)
    {
        string code = exitCode is int c ? $"exit code {c}" : "unknown exit code";
        string message = $"The Python process {processId} exited ({code}).";
        return stderrTail.Length == 0 ? message : message + " Last stderr output:\n" + stderrTail;
    }
}
