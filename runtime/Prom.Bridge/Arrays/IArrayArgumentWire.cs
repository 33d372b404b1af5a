using Prom.Bridge.Protocol;

namespace Prom.Bridge.Arrays;

/// <summary>How a <see cref="PyArrayArgument{T}"/> of any element type writes itself (boxed, as every argument is).</summary>
internal interface IArrayArgumentWire
{
    void WriteWire(RequestWriter writer);
}
