using System;

namespace Prom.Bridge;

/// <summary>Base type of every error the bridge raises itself (as opposed to cancellation and timeouts).</summary>
public class BridgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BridgeException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public BridgeException(string message, Exception? inner) : base(message, inner) { }
}
