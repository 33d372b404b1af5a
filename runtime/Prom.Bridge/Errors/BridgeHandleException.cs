namespace Prom.Bridge;

/// <summary>
/// A handle cannot be used: Python does not know its id (released, or never existed), or it belongs to another
/// Python process of a pool.
/// </summary>
public sealed class BridgeHandleException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public BridgeHandleException(string message) : base(message) { }
}
