using System;

namespace Prom.Bridge;

/// <summary>The Python child could not be started, or it is not a CPython that runs the bridge runtime.</summary>
public sealed class BridgeStartException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public BridgeStartException(string message, Exception? inner = null) : base(message, inner) { }
}
