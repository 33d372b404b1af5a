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
    public static OutgoingPart FromArray(Array array, int elementSize) => new(array, default, array.LongLength * elementSize);

    /// <summary>
    /// Up to 1 GiB of the part starting at <paramref name="offset"/> (spans are limited to 2 GiB). The caller pins it
    /// only for the system call that writes it.
    /// </summary>
    public ReadOnlySpan<byte> Chunk(long offset)
    {
        int length = (int)Math.Min(1 << 30, _byteLength - offset);
        if (_array is null)
        {
            return _memory.Span.Slice((int)offset, length);
        }

        ref byte start = ref MemoryMarshal.GetArrayDataReference(_array);
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref start, (nint)offset), length);
    }

    /// <summary>The CRC-32 of the whole part.</summary>
    public uint Crc32()
    {
        if (_byteLength <= 1 << 30)
        {
            return System.IO.Hashing.Crc32.HashToUInt32(Chunk(0));
        }

        var crc = new System.IO.Hashing.Crc32();
        for (long offset = 0; offset < _byteLength; offset += 1 << 30)
        {
            crc.Append(Chunk(offset));
        }

        return crc.GetCurrentHashAsUInt32();
    }
}
