using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>Helpers over the per-chunk row bitsets (one bit per row, 64 rows per word).</summary>
internal static unsafe class RowBits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Get(ulong* bits, int offset, int row) => (bits[offset + (row >> 6)] & (1UL << row)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Set(ulong* bits, int offset, int row) => bits[offset + (row >> 6)] |= 1UL << row;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Clear(ulong* bits, int offset, int row) => bits[offset + (row >> 6)] &= ~(1UL << row);

    /// <summary>Sets bits [start, start + count): partial words at the ends, whole words in between with one fill.</summary>
    internal static void SetRange(ulong* bits, int offset, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        int end = start + count;
        int firstWord = start >> 6;
        int lastWord = (end - 1) >> 6;
        ulong head = ulong.MaxValue << (start & 63);
        ulong tail = ulong.MaxValue >> (63 - ((end - 1) & 63));
        if (firstWord == lastWord)
        {
            bits[offset + firstWord] |= head & tail;
            return;
        }

        bits[offset + firstWord] |= head;
        new Span<ulong>(bits + offset + firstWord + 1, lastWord - firstWord - 1).Fill(ulong.MaxValue);
        bits[offset + lastWord] |= tail;
    }

    /// <summary>Clears the words that hold rows [0, count).</summary>
    internal static void ClearFirst(ulong* bits, int offset, int count) =>
        new Span<ulong>(bits + offset, (count + 63) >> 6).Clear();

    /// <summary>The first row in [0, count) whose bit is clear, or -1 when all are set.</summary>
    internal static int FirstClear(ulong* bits, int offset, int count)
    {
        int words = (count + 63) >> 6;
        for (int w = 0; w < words; w++)
        {
            ulong inverted = ~bits[offset + w];
            if (inverted != 0)
            {
                int row = (w << 6) + BitOperations.TrailingZeroCount(inverted);
                return row < count ? row : -1;
            }
        }

        return -1;
    }

    /// <summary>The first row in [0, count) whose bit is set, or -1.</summary>
    internal static int FirstSet(ulong* bits, int offset, int count)
    {
        int words = (count + 63) >> 6;
        for (int w = 0; w < words; w++)
        {
            ulong word = bits[offset + w];
            if (word != 0)
            {
                int row = (w << 6) + BitOperations.TrailingZeroCount(word);
                return row < count ? row : -1;
            }
        }

        return -1;
    }

    /// <summary>The number of rows in [0, count) whose bit is clear.</summary>
    internal static int CountClear(ulong* bits, int offset, int count)
    {
        int set = 0;
        int full = count >> 6;
        for (int w = 0; w < full; w++)
        {
            set += BitOperations.PopCount(bits[offset + w]);
        }

        int rest = count & 63;
        if (rest != 0)
        {
            set += BitOperations.PopCount(bits[offset + full] & ((1UL << rest) - 1));
        }

        return count - set;
    }
}
