using System;
using System.Runtime.CompilerServices;

namespace Prom.Bridge;

/// <summary>Creates <see cref="SharedArray{T}"/>s: arrays in shared memory that Python sees as numpy views without a copy.</summary>
public static class SharedArray
{
    /// <summary>Creates a zero-filled array of a primitive element type with the given shape.</summary>
    /// <example><code>using var m = SharedArray.Create&lt;float&gt;(2, 2);</code></example>
    public static SharedArray<T> Create<T>(params int[] shape) where T : unmanaged
        => Allocate<T>(CheckShape(shape), Arrays.NumpyDtypes.Primitive<T>(), Unsafe.SizeOf<T>());

    /// <summary>Creates an array holding a copy of <paramref name="values"/> (default shape: 1-D).</summary>
    public static SharedArray<T> CopyOf<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
    {
        int[] dims = shape.Length == 0 ? new[] { values.Length } : shape;
        Arrays.Shapes.CheckCount(dims, values.Length);
        SharedArray<T> array = Create<T>(dims);
        values.CopyTo(array.Span);
        return array;
    }

    /// <summary>
    /// Creates a zero-filled array of a <c>[Struct]</c> type; Python sees its generated structured dtype
    /// (<c>T.Layout.NumpyDtypeLittleEndian</c>), packed with stride <c>T.Layout.Size</c>.
    /// </summary>
    public static SharedArray<T> CreateStructs<T>(params int[] shape) where T : unmanaged, IStruct<T>
    {
        StructLayoutInfo layout = T.Layout;
        if (layout.Size != Unsafe.SizeOf<T>())
        {
            throw new ArgumentException(
                $"{typeof(T).FullName}: its layout says {layout.Size} bytes, but the type occupies {Unsafe.SizeOf<T>()}; "
                + "a shared array needs the two to agree.");
        }

        return Allocate<T>(CheckShape(shape), layout.NumpyDtypeLittleEndian, layout.Size);
    }

    /// <summary>Creates a <c>[Struct]</c> array holding a copy of <paramref name="values"/> (default shape: 1-D).</summary>
    public static SharedArray<T> CopyOfStructs<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged, IStruct<T>
    {
        int[] dims = shape.Length == 0 ? new[] { values.Length } : shape;
        Arrays.Shapes.CheckCount(dims, values.Length);
        SharedArray<T> array = CreateStructs<T>(dims);
        values.CopyTo(array.Span);
        return array;
    }

    private static int[] CheckShape(int[] shape)
    {
        if (shape.Length == 0)
        {
            throw new ArgumentException("A shared array needs a shape with at least one dimension, e.g. Create<float>(1024).");
        }

        return (int[])shape.Clone();
    }

    private static SharedArray<T> Allocate<T>(int[] shape, string dtype, int elementSize) where T : unmanaged
    {
        long bytes = checked(Arrays.Shapes.Count(shape) * elementSize);
        if (Arrays.Shapes.Count(shape) > int.MaxValue)
        {
            throw new ArgumentException($"A shared array holds at most {int.MaxValue} elements.");
        }

        return new SharedArray<T>(Arrays.SharedMemoryFile.Create(bytes), shape, dtype);
    }
}
