using Prom.Bridge.Protocol;

namespace Prom.Bridge.Arrays;

/// <summary>How a <see cref="SharedArray{T}"/> of any element type describes itself on the wire.</summary>
internal interface ISharedArrayWire
{
    /// <summary>Writes <c>{"$m": {"path", "offset", "nbytes", "dtype", "shape"}}</c> and remembers the bridge (to unmap on dispose).</summary>
    void WriteWire(RequestWriter writer);
}
