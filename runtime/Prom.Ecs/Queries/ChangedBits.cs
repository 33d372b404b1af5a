using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prom.Ecs;

/// <summary>
/// The changed bits of up to 64 rows of one leaf column, computed after the rows were written: bit <c>i</c> is set when
/// <c>after[i]</c> differs bitwise from <c>before[i]</c>. Generated per-entity loops run the user's update as a plain
/// loop over the columns and then compare the 64 rows with a few vector compares (one per 8–64 rows, by leaf size and
/// vector width), instead of a compare, a flag and a shift per row inside the loop.
/// </summary>
/// <remarks>
/// Leaves are compared as unsigned integers of their size (<see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/>,
/// <see cref="ulong"/>), so a float NaN that was rewritten with the same bits is unchanged and -0 differs from +0, as
/// with <see cref="ColumnWriter{T}.SetIfChanged"/>.
/// </remarks>
public static class ChangedBits
{
    /// <summary>Rows per word of a chunk's row bitsets.</summary>
    public const int RowsPerWord = 64;

    /// <summary>
    /// Rows per call of a generated runner's row loop (eight words): long enough that the call and the copy an update in
    /// place needs cost little per row, short enough that that copy (a stack buffer of this many values per leaf) stays
    /// small.
    /// </summary>
    public const int RowsPerRun = 512;

    /// <summary>The most words a chunk's row bitset has (<see cref="WorldOptions.MaxChunkCapacity"/> / 64): the size of a stack buffer for <see cref="ColumnWriter{T}.MarkChangedWords"/>.</summary>
    public const int MaxWordsPerChunk = WorldOptions.MaxChunkCapacity / RowsPerWord;

    /// <summary>The rows whose value differs between <paramref name="before"/> and <paramref name="after"/>.</summary>
    /// <typeparam name="TBits">The leaf's bits: <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/> or <see cref="ulong"/>.</typeparam>
    /// <param name="before">The values before the update (at most 64).</param>
    /// <param name="after">The values after it, as many as <paramref name="before"/>.</param>
    /// <returns>Bit <c>i</c> set when row <c>i</c> changed; bits at or past the length are clear.</returns>
    /// <exception cref="ArgumentException">The lengths differ or exceed 64.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of<TBits>(ReadOnlySpan<TBits> before, ReadOnlySpan<TBits> after)
        where TBits : unmanaged
    {
        if (before.Length != after.Length || (uint)before.Length > RowsPerWord)
        {
            ThrowLengths(before.Length, after.Length);
        }

        ref TBits a = ref MemoryMarshal.GetReference(before);
        ref TBits b = ref MemoryMarshal.GetReference(after);
        return before.Length == RowsPerWord ? Full(ref a, ref b) : Partial(ref a, ref b, before.Length);
    }

    /// <summary>
    /// Stores the changed bits of a run of rows into its words: <c>words[w]</c> gets rows <c>64·w … 64·w + 63</c> of
    /// the run (a generated runner's run starts at a multiple of 64 rows, so these are the chunk's words).
    /// </summary>
    /// <typeparam name="TBits">The leaf's bits.</typeparam>
    /// <param name="before">The values before the update.</param>
    /// <param name="after">The values after it, as many as <paramref name="before"/>.</param>
    /// <param name="words"><c>(length + 63) / 64</c> words.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public static void Store<TBits>(ReadOnlySpan<TBits> before, ReadOnlySpan<TBits> after, Span<ulong> words)
        where TBits : unmanaged => Compare(before, after, words, accumulate: false);

    /// <summary>As <see cref="Store{TBits}"/>, but ORs into the words (the second and later leaves of a component).</summary>
    /// <typeparam name="TBits">The leaf's bits.</typeparam>
    /// <param name="before">The values before the update.</param>
    /// <param name="after">The values after it, as many as <paramref name="before"/>.</param>
    /// <param name="words"><c>(length + 63) / 64</c> words.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public static void Or<TBits>(ReadOnlySpan<TBits> before, ReadOnlySpan<TBits> after, Span<ulong> words)
        where TBits : unmanaged => Compare(before, after, words, accumulate: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compare<TBits>(ReadOnlySpan<TBits> before, ReadOnlySpan<TBits> after, Span<ulong> words, bool accumulate)
        where TBits : unmanaged
    {
        int length = before.Length;
        if (after.Length != length || words.Length != (length + RowsPerWord - 1) / RowsPerWord)
        {
            ThrowLengths(length, after.Length);
        }

        ref TBits a = ref MemoryMarshal.GetReference(before);
        ref TBits b = ref MemoryMarshal.GetReference(after);
        ref ulong word = ref MemoryMarshal.GetReference(words);
        int full = length / RowsPerWord;
        for (int w = 0; w < full; w++)
        {
            ulong changed = Full(ref Unsafe.Add(ref a, w * RowsPerWord), ref Unsafe.Add(ref b, w * RowsPerWord));
            Unsafe.Add(ref word, w) = accumulate ? Unsafe.Add(ref word, w) | changed : changed;
        }

        int rest = length - full * RowsPerWord;
        if (rest > 0)
        {
            ulong changed = Partial(ref Unsafe.Add(ref a, full * RowsPerWord), ref Unsafe.Add(ref b, full * RowsPerWord), rest);
            Unsafe.Add(ref word, full) = accumulate ? Unsafe.Add(ref word, full) | changed : changed;
        }
    }

    /// <summary>64 rows: whole vectors only (the JIT folds the lane count, so the loop has a constant trip count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Full<TBits>(ref TBits a, ref TBits b)
        where TBits : unmanaged
    {
        ulong equal = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<TBits>.IsSupported)
        {
            for (int i = 0; i < RowsPerWord; i += Vector512<TBits>.Count)
            {
                equal |= Vector512.Equals(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits() << i;
            }

            return ~equal;
        }

        if (Vector256.IsHardwareAccelerated && Vector256<TBits>.IsSupported)
        {
            for (int i = 0; i < RowsPerWord; i += Vector256<TBits>.Count)
            {
                equal |= (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits() << i;
            }

            return ~equal;
        }

        if (Vector128.IsHardwareAccelerated && Vector128<TBits>.IsSupported)
        {
            for (int i = 0; i < RowsPerWord; i += Vector128<TBits>.Count)
            {
                equal |= (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits() << i;
            }

            return ~equal;
        }

        return Partial(ref a, ref b, RowsPerWord);
    }

    /// <summary>The last, partial word of a chunk (and machines without SIMD): one row at a time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Partial<TBits>(ref TBits a, ref TBits b, int count)
        where TBits : unmanaged
    {
        ulong changed = 0;
        for (int i = 0; i < count; i++)
        {
            if (!EqualityComparer<TBits>.Default.Equals(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i)))
            {
                changed |= 1UL << i;
            }
        }

        return changed;
    }

    private static void ThrowLengths(int first, int second) => throw new ArgumentException(
        $"ChangedBits works on runs of at most {RowsPerWord} rows: lengths {first} and {second} do not fit.");
}
