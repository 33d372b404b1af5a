using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs.Tests.Components;

/// <summary>A hand-written stand-in for a generated [Struct] Health {int Value}.</summary>
[StructLayout(LayoutKind.Explicit, Size = 4)]
public struct Health : IStruct<Health>
{
    [FieldOffset(0)] public int Value;
    private static readonly StructLayoutInfo s_layout = TestLayout.Of("Health", 4, 4, new StructLeaf("Value", "Value", 0, 4, ScalarKind.Int32));

    public static StructLayoutInfo Layout => s_layout;

    public static void Write(in Health value, Span<byte> destination, bool bigEndian = false) => TestLayout.Write(value, destination, bigEndian);

    public static Health Read(ReadOnlySpan<byte> source, bool bigEndian = false) => TestLayout.Read<Health>(source, bigEndian);

    public static void WriteAll(ReadOnlySpan<Health> values, Span<byte> destination, bool bigEndian = false) => TestLayout.WriteAll(values, destination, bigEndian);

    public static void ReadAll(ReadOnlySpan<byte> source, Span<Health> destination, bool bigEndian = false) => TestLayout.ReadAll(source, destination, bigEndian);

    public Health(int value) => Value = value;

    public override readonly string ToString() => $"Health({Value})";
}
