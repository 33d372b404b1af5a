namespace Prom.Bridge;

/// <summary>
/// A value is too large for the wire protocol (a binary part beyond 2,147,483,591 bytes, or a JSON answer beyond
/// 1 GiB). Raised for that call alone, before anything of it was sent; the bridge stays usable. Shared memory
/// (<see cref="SharedArray{T}"/>) has no such limit.
/// </summary>
public sealed class BridgeLimitException : BridgeException
{
    /// <summary>Creates the exception.</summary>
    public BridgeLimitException(string message) : base(message) { }
}
