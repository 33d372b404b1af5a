using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs.Tests.Components;

/// <summary>
/// Helpers for the hand-written [Struct] stand-ins: a StructLayoutInfo from leaves, and little-endian pack/unpack.
/// (The real [Struct] generator emits the same contract; big-endian packing is not needed by the ECS tests.)
/// </summary>
internal static class TestLayout
{
    public static StructLayoutInfo Of(string name, int size, int alignment, params StructLeaf[] leaves) =>
        new(name, size, alignment, leaves, string.Empty, "{}", "{}", "{}");

    public static StructLeaf F32(string name, int offset) => new(name, name, offset, 4, ScalarKind.Float32);

    public static void Write<T>(in T value, Span<byte> destination, bool bigEndian) where T : unmanaged
    {
        NoBigEndian(bigEndian);
        MemoryMarshal.Write(destination, in value);
    }

    public static T Read<T>(ReadOnlySpan<byte> source, bool bigEndian) where T : unmanaged
    {
        NoBigEndian(bigEndian);
        return MemoryMarshal.Read<T>(source);
    }

    public static void WriteAll<T>(ReadOnlySpan<T> values, Span<byte> destination, bool bigEndian) where T : unmanaged
    {
        NoBigEndian(bigEndian);
        MemoryMarshal.AsBytes(values).CopyTo(destination);
    }

    public static void ReadAll<T>(ReadOnlySpan<byte> source, Span<T> destination, bool bigEndian) where T : unmanaged
    {
        NoBigEndian(bigEndian);
        source[..(destination.Length * Marshal.SizeOf<T>())].CopyTo(MemoryMarshal.AsBytes(destination));
    }

    private static void NoBigEndian(bool bigEndian)
    {
        if (bigEndian)
        {
            throw new NotSupportedException("The hand-written test components pack little-endian only.");
        }
    }
}
