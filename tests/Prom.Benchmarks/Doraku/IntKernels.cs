using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// The loops of the workload, written once and used by the raw baselines and the ECS rows alike, so a ratio measures
/// what is around the loop, not two different loops.
/// </summary>
internal static class IntKernels
{
    /// <summary><c>a[i] += b[i]</c> one element at a time (the JIT does not vectorize it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScalar(Span<int> a, ReadOnlySpan<int> b)
    {
        ref int x = ref MemoryMarshal.GetReference(a);
        ref int y = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < a.Length; i++)
        {
            Unsafe.Add(ref x, i) += Unsafe.Add(ref y, i);
        }
    }

    /// <summary><c>d[i] = a[i] + b[i]</c> with Vector256 and a scalar tail; <paramref name="d"/> may be <paramref name="a"/> (in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddVector256(Span<int> d, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        ref int dr = ref MemoryMarshal.GetReference(d);
        ref int ar = ref MemoryMarshal.GetReference(a);
        ref int br = ref MemoryMarshal.GetReference(b);
        int n = d.Length;
        int i = 0;
        for (; i <= n - Vector256<int>.Count; i += Vector256<int>.Count)
        {
            (Vector256.LoadUnsafe(ref ar, (nuint)i) + Vector256.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dr, i) = Unsafe.Add(ref ar, i) + Unsafe.Add(ref br, i);
        }
    }
}
