using System;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>One system that failed in a tick, with its exception.</summary>
[DebuggerDisplay("{SystemName,nq}: {Exception.Message,nq}")]
public sealed class SystemFailure
{
    /// <summary>Creates a failure record.</summary>
    /// <param name="systemName">The system's name.</param>
    /// <param name="exception">What it threw.</param>
    public SystemFailure(string systemName, Exception exception)
    {
        SystemName = systemName;
        Exception = exception;
    }

    /// <summary>The system's name.</summary>
    public string SystemName { get; }

    /// <summary>What it threw (from <c>ShouldRun</c>, <c>Prepare</c>, <c>RunAsync</c> or <c>Cleanup</c>).</summary>
    public Exception Exception { get; }
}
