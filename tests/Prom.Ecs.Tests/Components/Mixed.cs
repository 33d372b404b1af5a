using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs.Tests.Components;

/// <summary>A hand-written stand-in for a generated [Struct] Mixed {double D; byte B; short S; (padding)}.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct Mixed : IStruct<Mixed>
{
    [FieldOffset(0)] public double D;
    [FieldOffset(8)] public byte B;
    [FieldOffset(10)] public short S;
    private static readonly StructLayoutInfo s_layout = TestLayout.Of("Mixed", 16, 8, new StructLeaf("D", "D", 0, 8, ScalarKind.Float64), new StructLeaf("B", "B", 8, 1, ScalarKind.UInt8), new StructLeaf("S", "S", 10, 2, ScalarKind.Int16));

    public static StructLayoutInfo Layout => s_layout;

    public static void Write(in Mixed value, Span<byte> destination, bool bigEndian = false) => TestLayout.Write(value, destination, bigEndian);

    public static Mixed Read(ReadOnlySpan<byte> source, bool bigEndian = false) => TestLayout.Read<Mixed>(source, bigEndian);

    public static void WriteAll(ReadOnlySpan<Mixed> values, Span<byte> destination, bool bigEndian = false) => TestLayout.WriteAll(values, destination, bigEndian);

    public static void ReadAll(ReadOnlySpan<byte> source, Span<Mixed> destination, bool bigEndian = false) => TestLayout.ReadAll(source, destination, bigEndian);

    public Mixed(double d, byte b, short s)
    {
        D = d;
        B = b;
        S = s;
    }

    public override readonly string ToString() => $"Mixed({D}, {B}, {S})";
}
