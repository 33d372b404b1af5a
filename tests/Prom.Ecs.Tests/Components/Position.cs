using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs.Tests.Components;

/// <summary>A hand-written stand-in for a generated [Struct] Position {float X, Y}.</summary>
[StructLayout(LayoutKind.Explicit, Size = 8)]
public struct Position : IStruct<Position>
{
    [FieldOffset(0)] public float X;
    [FieldOffset(4)] public float Y;
    private static readonly StructLayoutInfo s_layout = TestLayout.Of("Position", 8, 4, TestLayout.F32("X", 0), TestLayout.F32("Y", 4));

    public static StructLayoutInfo Layout => s_layout;

    public static void Write(in Position value, Span<byte> destination, bool bigEndian = false) => TestLayout.Write(value, destination, bigEndian);

    public static Position Read(ReadOnlySpan<byte> source, bool bigEndian = false) => TestLayout.Read<Position>(source, bigEndian);

    public static void WriteAll(ReadOnlySpan<Position> values, Span<byte> destination, bool bigEndian = false) => TestLayout.WriteAll(values, destination, bigEndian);

    public static void ReadAll(ReadOnlySpan<byte> source, Span<Position> destination, bool bigEndian = false) => TestLayout.ReadAll(source, destination, bigEndian);

    public Position(float x, float y)
    {
        X = x;
        Y = y;
    }

    public override readonly string ToString() => $"Position({X}, {Y})";
}
