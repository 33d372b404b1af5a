using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Prom.Bridge.Protocol;

/// <summary>
/// One binary part to send: the whole of a managed array of any blittable element type, or a <see cref="ReadOnlyMemory{T}"/> of bytes.
/// Written straight from its memory: no copy, no base64.
/// </summary>
internal readonly unsafe struct OutgoingPart
{
    private readonly Array? _array;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly long _byteLength;

    private OutgoingPart(Array? array, ReadOnlyMemory<byte> memory, long byteLength)
    {
        _array = array;
        _memory = memory;
        _byteLength = byteLength;
    }

    public long ByteLength => _byteLength;

    public static OutgoingPart FromMemory(ReadOnlyMemory<byte> memory) => new(null, memory, memory.Length);

    /// <summary>The whole content of a blittable array (any rank).</summary>
    public static OutgoingPart FromArray(Array array, int elementSize) => new(array, default, (long)array.LongLength * elementSize);

    /// <summary>Writes the part to <paramref name="stream"/> in chunks (spans are limited to 2 GiB).</summary>
    public void WriteTo(System.IO.Stream stream)
    {
        if (_array is null)
        {
            stream.Write(_memory.Span);
            return;
        }

        ref byte start = ref MemoryMarshal.GetArrayDataReference(_array);
        long offset = 0;
        while (offset < _byteLength)
        {
            int chunk = (int)Math.Min(1 << 30, _byteLength - offset);
            stream.Write(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref start, (nint)offset), chunk));
            offset += chunk;
        }
    }
}
