using System;

namespace Prom.Bridge;

/// <summary>A frame or message broke the wire protocol (a bug on one side, or a foreign process).</summary>
public sealed class BridgeProtocolException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public BridgeProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public BridgeProtocolException(string message, Exception? inner) : base(message, inner) { }
}
