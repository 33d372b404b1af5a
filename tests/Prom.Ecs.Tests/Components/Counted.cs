using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs.Tests.Components;

/// <summary>One distinct component type per type-level number <typeparamref name="TNat"/>, with one float leaf.</summary>
/// <typeparam name="TNat">Z, S&lt;Z&gt;, S&lt;S&lt;Z&gt;&gt;, ...</typeparam>
[StructLayout(LayoutKind.Sequential)]
public struct Counted<TNat> : IStruct<Counted<TNat>>
{
    public float Value;

    private static readonly StructLayoutInfo s_layout = TestLayout.Of("Counted" + Depth(), 4, 4, TestLayout.F32("Value", 0));

    public Counted(float value) => Value = value;

    public static StructLayoutInfo Layout => s_layout;

    public static void Write(in Counted<TNat> value, Span<byte> destination, bool bigEndian = false) => TestLayout.Write(value, destination, bigEndian);

    public static Counted<TNat> Read(ReadOnlySpan<byte> source, bool bigEndian = false) => TestLayout.Read<Counted<TNat>>(source, bigEndian);

    public static void WriteAll(ReadOnlySpan<Counted<TNat>> values, Span<byte> destination, bool bigEndian = false) => TestLayout.WriteAll(values, destination, bigEndian);

    public static void ReadAll(ReadOnlySpan<byte> source, Span<Counted<TNat>> destination, bool bigEndian = false) => TestLayout.ReadAll(source, destination, bigEndian);

    private static int Depth()
    {
        int depth = 0;
        for (Type t = typeof(TNat); t.IsGenericType; t = t.GetGenericArguments()[0])
        {
            depth++;
        }

        return depth;
    }
}
