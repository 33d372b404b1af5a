using System;
using Microsoft.Extensions.Logging;

namespace Prom.Bridge;

/// <summary>The bridge's log messages (cached delegates, no allocation when the level is off).</summary>
internal static class Log
{
    private static readonly Action<ILogger, int, string, Exception?> s_stderr =
        LoggerMessage.Define<int, string>(LogLevel.Information, new EventId(1, "PythonStderr"), "python[{Pid}] {Line}");

    private static readonly Action<ILogger, int, string, Exception?> s_exited =
        LoggerMessage.Define<int, string>(LogLevel.Warning, new EventId(2, "PythonExited"), "Python process {Pid} ended: {Reason}");

    private static readonly Action<ILogger, int, long, Exception?> s_unknownAnswer =
        LoggerMessage.Define<int, long>(LogLevel.Warning, new EventId(3, "UnknownAnswer"), "Python process {Pid} answered request {Id}, which nobody sent; ignored");

    private static readonly Action<ILogger, int, string, Exception?> s_killed =
        LoggerMessage.Define<int, string>(LogLevel.Warning, new EventId(4, "PythonKilled"), "Python process {Pid} is killed by the bridge: {Reason}");

    public static void Killed(ILogger logger, int pid, string reason) => s_killed(logger, pid, reason, null);

    public static void Stderr(ILogger logger, int pid, string line) => s_stderr(logger, pid, line, null);

    public static void Exited(ILogger logger, int pid, string reason, Exception? error) => s_exited(logger, pid, reason, error);

    public static void UnknownAnswer(ILogger logger, int pid, long id) => s_unknownAnswer(logger, pid, id, null);
}
