using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Prom;

namespace Prom.Bridge.Tests;

/// <summary>
/// A hand-written stand-in for a generated [Struct]: { u8 Kind; (3 pad) f32 X; f64 Y } = 16 bytes, align 8.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct Particle : IStruct<Particle>
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(4)] public float X;
    [FieldOffset(8)] public double Y;

    public static StructLayoutInfo Layout { get; } = new(
        "Particle", 16, 8,
        new StructLeaf[]
        {
            new("kind", "kind", 0, 1, ScalarKind.UInt8),
            new("x", "x", 4, 4, ScalarKind.Float32),
            new("y", "y", 8, 8, ScalarKind.Float64),
        },
        "B3xfd",
        """{"names":["kind","x","y"],"formats":["u1","<f4","<f8"],"offsets":[0,4,8],"itemsize":16}""",
        """{"names":["kind","x","y"],"formats":["u1",">f4",">f8"],"offsets":[0,4,8],"itemsize":16}""",
        """{"type":"object"}""");

    public static void Write(in Particle value, Span<byte> destination, bool bigEndian = false)
    {
        destination[0] = value.Kind;
        if (bigEndian)
        {
            BinaryPrimitives.WriteSingleBigEndian(destination[4..], value.X);
            BinaryPrimitives.WriteDoubleBigEndian(destination[8..], value.Y);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[4..], value.X);
            BinaryPrimitives.WriteDoubleLittleEndian(destination[8..], value.Y);
        }
    }

    public static Particle Read(ReadOnlySpan<byte> source, bool bigEndian = false) => new()
    {
        Kind = source[0],
        X = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(source[4..]) : BinaryPrimitives.ReadSingleLittleEndian(source[4..]),
        Y = bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(source[8..]) : BinaryPrimitives.ReadDoubleLittleEndian(source[8..]),
    };

    public static void WriteAll(ReadOnlySpan<Particle> values, Span<byte> destination, bool bigEndian = false)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Write(values[i], destination[(i * 16)..], bigEndian);
        }
    }

    public static void ReadAll(ReadOnlySpan<byte> source, Span<Particle> destination, bool bigEndian = false)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Read(source[(i * 16)..], bigEndian);
        }
    }
}
