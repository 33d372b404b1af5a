using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Prom.Bridge;

/// <summary>
/// An array that travelled as one binary part (a copy, no base64): its bytes, numpy dtype and shape. Python
/// sends one when a call asks for an array result by value (e.g. <c>Call&lt;float[]&gt;</c> or <c>Call&lt;PyBuffer&gt;</c>);
/// passed to Python it becomes a read-only numpy array (a <c>memoryview</c> without numpy).
/// </summary>
public sealed class PyBuffer
{
    /// <summary>Creates a buffer.</summary>
    /// <param name="data">The raw little-endian element bytes, C order.</param>
    /// <param name="dtype">A numpy dtype string such as <c>&lt;f4</c>, or a JSON dtype description.</param>
    /// <param name="shape">The dimensions.</param>
    public PyBuffer(byte[] data, string dtype, IReadOnlyList<int> shape)
    {
        Data = data;
        Dtype = dtype;
        Shape = shape;
    }

    /// <summary>The raw element bytes.</summary>
    public byte[] Data { get; }

    /// <summary>The numpy dtype: a string like <c>&lt;f8</c>, or JSON for structured dtypes.</summary>
    public string Dtype { get; }

    /// <summary>The dimensions (C order).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Creates a buffer holding a copy of <paramref name="values"/> with the given shape (default: 1-D).</summary>
    public static PyBuffer From<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
    {
        string dtype = Arrays.NumpyDtypes.Primitive<T>();
        int[] dims = shape.Length == 0 ? new[] { values.Length } : shape;
        Arrays.Shapes.CheckCount(dims, values.Length);
        return new PyBuffer(MemoryMarshal.AsBytes(values).ToArray(), dtype, dims);
    }

    /// <summary>Copies the elements into a new flat array; the element size must divide the data.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        if (Data.Length % size != 0)
        {
            throw new InvalidCastException($"A {Dtype} buffer of {Data.Length} bytes is not an array of {typeof(T).Name} ({size} bytes each).");
        }

        if (Arrays.NumpyDtypes.TryGetPrimitive(typeof(T), out string? expected, out _) && !Dtype.StartsWith('{') && !Dtype.StartsWith('[')
            && Dtype != expected)
        {
            throw new InvalidCastException($"Python returned an array of dtype {Dtype}; {typeof(T).Name}[] needs {expected}.");
        }

        return MemoryMarshal.Cast<byte, T>(Data).ToArray();
    }
}
