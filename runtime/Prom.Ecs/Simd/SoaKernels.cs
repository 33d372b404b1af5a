using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prom.Ecs.Simd;

/// <summary>
/// SIMD kernels over SoA float columns (e.g. the spans of <see cref="ColumnReader{T}"/> and <see cref="ColumnWriter{T}"/>).
/// Each runs Vector512 → Vector256 → Vector128 → a scalar tail, using the widest width the machine accelerates.
/// The scalar loop is the reference and every vector path is bit-identical to it (same IEEE operations in the same
/// order, no fused multiply-add). Inputs and outputs may be the same span (element-wise; never partially overlapping).
/// </summary>
public static class SoaKernels
{
    /// <summary><c>y[i] += a · x[i]</c>.</summary>
    /// <param name="y">Read and written.</param>
    /// <param name="x">The addend column; same length as <paramref name="y"/>.</param>
    /// <param name="a">The scale.</param>
    public static void Axpy(Span<float> y, ReadOnlySpan<float> x, float a) => Axpy(y, x, a, SimdLevel.Best);

    /// <summary><c>destination[i] = a[i] + b[i]</c>.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="a">The first input.</param>
    /// <param name="b">The second input.</param>
    public static void Add(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Add(destination, a, b, SimdLevel.Best);

    /// <summary><c>destination[i] = a[i] · b[i]</c>.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="a">The first input.</param>
    /// <param name="b">The second input.</param>
    public static void Multiply(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Multiply(destination, a, b, SimdLevel.Best);

    /// <summary><c>destination[i] = a[i] + b[i] · scale</c> — e.g. <c>position.next = position.prev + velocity · dt</c>.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="a">The base values.</param>
    /// <param name="b">The values scaled.</param>
    /// <param name="scale">The scale.</param>
    public static void MultiplyAdd(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float scale) =>
        MultiplyAdd(destination, a, b, scale, SimdLevel.Best);

    /// <summary>
    /// The 2-D form of <see cref="MultiplyAdd(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float)"/>:
    /// <c>xOut = x + dx · scale</c> and <c>yOut = y + dy · scale</c> in one pass, so both columns stream together
    /// (e.g. a position integrated by a velocity). Bit-identical to two separate calls.
    /// </summary>
    /// <param name="xOut">The output x column.</param>
    /// <param name="yOut">The output y column.</param>
    /// <param name="x">The base x values.</param>
    /// <param name="y">The base y values.</param>
    /// <param name="dx">The scaled x values.</param>
    /// <param name="dy">The scaled y values.</param>
    /// <param name="scale">The scale.</param>
    public static void MultiplyAdd(
        Span<float> xOut, Span<float> yOut, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, float scale) =>
        MultiplyAdd(xOut, yOut, x, y, dx, dy, scale, SimdLevel.Best);

    /// <summary><c>destination[i] = clamp(source[i], min, max)</c>; NaN stays NaN.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="source">The input.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound; not below <paramref name="min"/>.</param>
    public static void Clamp(Span<float> destination, ReadOnlySpan<float> source, float min, float max) =>
        Clamp(destination, source, min, max, SimdLevel.Best);

    /// <summary><c>destination[i] = sqrt(x[i]² + y[i]²)</c>.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="x">The x column.</param>
    /// <param name="y">The y column.</param>
    public static void Length(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Length(destination, x, y, SimdLevel.Best);

    /// <summary><c>destination[i] = sqrt(x[i]² + y[i]² + z[i]²)</c>.</summary>
    /// <param name="destination">The output.</param>
    /// <param name="x">The x column.</param>
    /// <param name="y">The y column.</param>
    /// <param name="z">The z column.</param>
    public static void Length(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z) =>
        Length(destination, x, y, z, SimdLevel.Best);

    /// <summary>Normalizes 2-D vectors: <c>(x, y) / length</c>; zero-length vectors are left as they are.</summary>
    /// <param name="x">The x column.</param>
    /// <param name="y">The y column.</param>
    /// <param name="xOut">The normalized x (may be <paramref name="x"/>).</param>
    /// <param name="yOut">The normalized y (may be <paramref name="y"/>).</param>
    public static void Normalize(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> xOut, Span<float> yOut) =>
        Normalize(x, y, xOut, yOut, SimdLevel.Best);

    /// <summary>Normalizes 3-D vectors: <c>(x, y, z) / length</c>; zero-length vectors are left as they are.</summary>
    /// <param name="x">The x column.</param>
    /// <param name="y">The y column.</param>
    /// <param name="z">The z column.</param>
    /// <param name="xOut">The normalized x (may be <paramref name="x"/>).</param>
    /// <param name="yOut">The normalized y (may be <paramref name="y"/>).</param>
    /// <param name="zOut">The normalized z (may be <paramref name="z"/>).</param>
    public static void Normalize(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> xOut, Span<float> yOut, Span<float> zOut) =>
        Normalize(x, y, z, xOut, yOut, zOut, SimdLevel.Best);

    internal static void Axpy(Span<float> y, ReadOnlySpan<float> x, float a, SimdLevel level) =>
        Map(new AxpyOp(a), y, x, x, y, level);

    internal static void Add(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdLevel level) =>
        Map(default(AddOp), a, b, b, destination, level);

    internal static void Multiply(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdLevel level) =>
        Map(default(MultiplyOp), a, b, b, destination, level);

    internal static void MultiplyAdd(Span<float> destination, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float scale, SimdLevel level) =>
        Map(new MultiplyAddOp(scale), a, b, b, destination, level);

    internal static void MultiplyAdd(
        Span<float> xOut, Span<float> yOut, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, float scale, SimdLevel level)
    {
        int n = CheckLengths(xOut.Length, yOut.Length, x.Length, y.Length);
        CheckLengths(n, dx.Length, dy.Length, n);
        ref float ox = ref MemoryMarshal.GetReference(xOut);
        ref float oy = ref MemoryMarshal.GetReference(yOut);
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rdx = ref MemoryMarshal.GetReference(dx);
        ref float rdy = ref MemoryMarshal.GetReference(dy);
        var op = new MultiplyAddOp(scale);
        level = Resolve(level);
        int i = 0;
        if (level >= SimdLevel.V512)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                op.Apply(Vector512.LoadUnsafe(ref rx, (nuint)i), Vector512.LoadUnsafe(ref rdx, (nuint)i), default).StoreUnsafe(ref ox, (nuint)i);
                op.Apply(Vector512.LoadUnsafe(ref ry, (nuint)i), Vector512.LoadUnsafe(ref rdy, (nuint)i), default).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        if (level >= SimdLevel.V256)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                op.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref rdx, (nuint)i), default).StoreUnsafe(ref ox, (nuint)i);
                op.Apply(Vector256.LoadUnsafe(ref ry, (nuint)i), Vector256.LoadUnsafe(ref rdy, (nuint)i), default).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        if (level >= SimdLevel.V128)
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                op.Apply(Vector128.LoadUnsafe(ref rx, (nuint)i), Vector128.LoadUnsafe(ref rdx, (nuint)i), default).StoreUnsafe(ref ox, (nuint)i);
                op.Apply(Vector128.LoadUnsafe(ref ry, (nuint)i), Vector128.LoadUnsafe(ref rdy, (nuint)i), default).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ox, i) = op.Scalar(Unsafe.Add(ref rx, i), Unsafe.Add(ref rdx, i), 0f);
            Unsafe.Add(ref oy, i) = op.Scalar(Unsafe.Add(ref ry, i), Unsafe.Add(ref rdy, i), 0f);
        }
    }

    internal static void Clamp(Span<float> destination, ReadOnlySpan<float> source, float min, float max, SimdLevel level)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Clamp needs min <= max (min {min}, max {max}).", nameof(min));
        }

        Map(new ClampOp(min, max), source, source, source, destination, level);
    }

    internal static void Length(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y, SimdLevel level) =>
        Map(default(Length2Op), x, y, y, destination, level);

    internal static void Length(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, SimdLevel level) =>
        Map(default(Length3Op), x, y, z, destination, level);

    internal static void Normalize(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> xOut, Span<float> yOut, SimdLevel level)
    {
        int n = CheckLengths(x.Length, y.Length, xOut.Length, yOut.Length);
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float ox = ref MemoryMarshal.GetReference(xOut);
        ref float oy = ref MemoryMarshal.GetReference(yOut);
        level = Resolve(level);
        int i = 0;
        Length2Op length = default;
        DivideByLengthOp divide = default;
        if (level >= SimdLevel.V512)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> vx = Vector512.LoadUnsafe(ref rx, (nuint)i);
                Vector512<float> vy = Vector512.LoadUnsafe(ref ry, (nuint)i);
                Vector512<float> len = length.Apply(vx, vy, vy);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        if (level >= SimdLevel.V256)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> vx = Vector256.LoadUnsafe(ref rx, (nuint)i);
                Vector256<float> vy = Vector256.LoadUnsafe(ref ry, (nuint)i);
                Vector256<float> len = length.Apply(vx, vy, vy);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        if (level >= SimdLevel.V128)
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> vx = Vector128.LoadUnsafe(ref rx, (nuint)i);
                Vector128<float> vy = Vector128.LoadUnsafe(ref ry, (nuint)i);
                Vector128<float> len = length.Apply(vx, vy, vy);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float sx = Unsafe.Add(ref rx, i);
            float sy = Unsafe.Add(ref ry, i);
            float len = length.Scalar(sx, sy, sy);
            Unsafe.Add(ref ox, i) = divide.Scalar(sx, len, len);
            Unsafe.Add(ref oy, i) = divide.Scalar(sy, len, len);
        }
    }

    internal static void Normalize(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> xOut, Span<float> yOut, Span<float> zOut, SimdLevel level)
    {
        int n = CheckLengths(x.Length, y.Length, z.Length, xOut.Length);
        CheckLengths(n, yOut.Length, zOut.Length, n);
        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        ref float rz = ref MemoryMarshal.GetReference(z);
        ref float ox = ref MemoryMarshal.GetReference(xOut);
        ref float oy = ref MemoryMarshal.GetReference(yOut);
        ref float oz = ref MemoryMarshal.GetReference(zOut);
        level = Resolve(level);
        int i = 0;
        Length3Op length = default;
        DivideByLengthOp divide = default;
        if (level >= SimdLevel.V512)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> vx = Vector512.LoadUnsafe(ref rx, (nuint)i);
                Vector512<float> vy = Vector512.LoadUnsafe(ref ry, (nuint)i);
                Vector512<float> vz = Vector512.LoadUnsafe(ref rz, (nuint)i);
                Vector512<float> len = length.Apply(vx, vy, vz);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
                divide.Apply(vz, len, len).StoreUnsafe(ref oz, (nuint)i);
            }
        }

        if (level >= SimdLevel.V256)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> vx = Vector256.LoadUnsafe(ref rx, (nuint)i);
                Vector256<float> vy = Vector256.LoadUnsafe(ref ry, (nuint)i);
                Vector256<float> vz = Vector256.LoadUnsafe(ref rz, (nuint)i);
                Vector256<float> len = length.Apply(vx, vy, vz);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
                divide.Apply(vz, len, len).StoreUnsafe(ref oz, (nuint)i);
            }
        }

        if (level >= SimdLevel.V128)
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> vx = Vector128.LoadUnsafe(ref rx, (nuint)i);
                Vector128<float> vy = Vector128.LoadUnsafe(ref ry, (nuint)i);
                Vector128<float> vz = Vector128.LoadUnsafe(ref rz, (nuint)i);
                Vector128<float> len = length.Apply(vx, vy, vz);
                divide.Apply(vx, len, len).StoreUnsafe(ref ox, (nuint)i);
                divide.Apply(vy, len, len).StoreUnsafe(ref oy, (nuint)i);
                divide.Apply(vz, len, len).StoreUnsafe(ref oz, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float sx = Unsafe.Add(ref rx, i);
            float sy = Unsafe.Add(ref ry, i);
            float sz = Unsafe.Add(ref rz, i);
            float len = length.Scalar(sx, sy, sz);
            Unsafe.Add(ref ox, i) = divide.Scalar(sx, len, len);
            Unsafe.Add(ref oy, i) = divide.Scalar(sy, len, len);
            Unsafe.Add(ref oz, i) = divide.Scalar(sz, len, len);
        }
    }

    /// <summary>The driver of the element-wise kernels: <c>d[i] = op(a[i], b[i], c[i])</c>, widest vectors first.</summary>
    private static void Map<TOp>(TOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> d, SimdLevel level)
        where TOp : struct, IVectorOp
    {
        // Inputs an operation does not use are passed as an alias of a used one and never loaded (TOp.Arity is a
        // JIT-time constant, so the unused loads are removed from the specialized loop).
        int n = CheckLengths(a.Length, b.Length, c.Length, d.Length);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        ref float rd = ref MemoryMarshal.GetReference(d);
        level = Resolve(level);
        int i = 0;
        if (level >= SimdLevel.V512)
        {
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> va = Vector512.LoadUnsafe(ref ra, (nuint)i);
                Vector512<float> vb = op.Arity >= 2 ? Vector512.LoadUnsafe(ref rb, (nuint)i) : va;
                Vector512<float> vc = op.Arity >= 3 ? Vector512.LoadUnsafe(ref rc, (nuint)i) : vb;
                op.Apply(va, vb, vc).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        if (level >= SimdLevel.V256)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                Vector256<float> vb = op.Arity >= 2 ? Vector256.LoadUnsafe(ref rb, (nuint)i) : va;
                Vector256<float> vc = op.Arity >= 3 ? Vector256.LoadUnsafe(ref rc, (nuint)i) : vb;
                op.Apply(va, vb, vc).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        if (level >= SimdLevel.V128)
        {
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> va = Vector128.LoadUnsafe(ref ra, (nuint)i);
                Vector128<float> vb = op.Arity >= 2 ? Vector128.LoadUnsafe(ref rb, (nuint)i) : va;
                Vector128<float> vc = op.Arity >= 3 ? Vector128.LoadUnsafe(ref rc, (nuint)i) : vb;
                op.Apply(va, vb, vc).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float sa = Unsafe.Add(ref ra, i);
            float sb = op.Arity >= 2 ? Unsafe.Add(ref rb, i) : sa;
            float sc = op.Arity >= 3 ? Unsafe.Add(ref rc, i) : sb;
            Unsafe.Add(ref rd, i) = op.Scalar(sa, sb, sc);
        }
    }

    /// <summary>Turns <see cref="SimdLevel.Best"/> into the widest accelerated width; explicit widths are kept.</summary>
    internal static SimdLevel Resolve(SimdLevel level)
    {
        if (level != SimdLevel.Best)
        {
            return level;
        }

        return Vector512.IsHardwareAccelerated ? SimdLevel.V512
            : Vector256.IsHardwareAccelerated ? SimdLevel.V256
            : Vector128.IsHardwareAccelerated ? SimdLevel.V128
            : SimdLevel.Scalar;
    }

    private static int CheckLengths(int a, int b, int c, int d)
    {
        if (a != b || a != c || a != d)
        {
            throw new ArgumentException($"Every span of a kernel must have the same length (got {a}, {b}, {c}, {d}).");
        }

        return a;
    }
}
