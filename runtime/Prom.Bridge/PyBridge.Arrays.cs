using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Prom.Bridge;

public sealed partial class PyBridge
{
    /// <summary>
    /// Rents a zero-filled shared array from this bridge's pool of segments. Python sees it as a writable numpy view of
    /// the same memory (no copy, as any <see cref="SharedArray{T}"/>), and a reused segment is already mapped on both
    /// sides, so handing it over costs one small round trip. Fill it in place (<see cref="SharedArray{T}.Span"/>) and
    /// pass it as often as you like; disposing it gives the segment back to the pool once no call in flight carries it
    /// (a segment Python kept a reference to past a call is never reused). Passed to another bridge it works like any
    /// shared array, and is then deleted on dispose instead of reused.
    /// </summary>
    /// <example><code>
    /// using SharedArray&lt;double&gt; readings = py.RentArray&lt;double&gt;(8_388_608);
    /// sensor.ReadInto(readings.Span);
    /// double total = await py.Import("numpy").Call&lt;double&gt;("sum", readings);
    /// </code></example>
    public SharedArray<T> RentArray<T>(params int[] shape) where T : unmanaged
    {
        SharedArray<T> array = Rent<T>(shape);
        unsafe
        {
            fixed (T* start = array.Span)
            {
                Arrays.BulkCopy.Clear((byte*)start, (long)array.Length * Unsafe.SizeOf<T>()); // no data of an earlier renter
            }
        }

        return array;
    }

    /// <summary>
    /// Rents a shared array from this bridge's pool holding a copy of <paramref name="values"/> (default shape: 1-D):
    /// the cheap form of <see cref="SharedArray.CopyOf{T}"/> for arrays handed to this bridge (see
    /// <see cref="RentArray{T}"/>).
    /// </summary>
    public SharedArray<T> RentCopyOf<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] dims = shape.Length == 0 ? new[] { values.Length } : shape;
        Arrays.Shapes.CheckCount(dims, values.Length);
        SharedArray<T> array = Rent<T>(dims);
        unsafe
        {
            fixed (T* start = array.Span)
            {
                Arrays.BulkCopy.Copy(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), (byte*)start);
            }
        }

        return array;
    }

    private SharedArray<T> Rent<T>(int[] shape) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposeState) != 0, this);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0)
        {
            throw new ArgumentException("A shared array needs a shape with at least one dimension, e.g. RentArray<float>(1024).", nameof(shape));
        }

        string dtype = Arrays.NumpyDtypes.Primitive<T>();
        long count = Arrays.Shapes.Count(shape);
        if (count > int.MaxValue)
        {
            throw new ArgumentException($"A shared array holds at most {int.MaxValue} elements.", nameof(shape));
        }

        Arrays.PooledSegment segment = Lending.Rent(checked(count * Unsafe.SizeOf<T>()));
        return new SharedArray<T>(segment.File, (int[])shape.Clone(), dtype, segment);
    }
}
