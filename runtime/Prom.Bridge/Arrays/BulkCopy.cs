using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading.Tasks;

namespace Prom.Bridge.Arrays;

/// <summary>
/// Copies and clears large arrays into shared segments with non-temporal (streaming) stores. A by-value array bigger
/// than the cache goes to memory anyway; streaming stores skip reading each destination line before writing it (the
/// "read for ownership" of ordinary stores), a third less memory traffic: 64 MiB took 8.2–9.0 ms instead of 14 ms
/// with <see cref="Span{T}.CopyTo"/> here, because the C library's own switch to streaming stores depends on the
/// reported cache size (260 MiB on this VM, shared) and never triggers. Below <see cref="StreamingBytes"/> the data
/// may still be in cache when Python reads it, so the ordinary copy is used. <see cref="Span{T}.CopyTo"/> is the
/// reference: both paths produce the same bytes. One core's streaming copy does not use all the memory bandwidth of
/// every machine (64 MiB on a 2-core AMD EPYC VM: 2.06 ms on one thread, 1.02 ms on two), so a large copy is split
/// into parts of at least <see cref="ParallelPartBytes"/>, one per core; the calling thread copies parts itself
/// whenever no pool thread is free, so a busy pool only makes the copy serial, never stalls it.
/// </summary>
internal static unsafe class BulkCopy
{
    /// <summary>Copies of at least this many bytes stream (an array this large rarely stays cached for Python).</summary>
    public const long StreamingBytes = 32L << 20;

    /// <summary>The smallest part a streaming copy is split into for another core (the hand-off costs microseconds).</summary>
    public const long ParallelPartBytes = 16L << 20;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (which has room for it).</summary>
    public static void Copy(ReadOnlySpan<byte> source, byte* target)
    {
        if (source.Length >= StreamingBytes && (Avx512F.IsSupported || Avx.IsSupported))
        {
            fixed (byte* s = source)
            {
                int parts = (int)Math.Min(Environment.ProcessorCount, source.Length / ParallelPartBytes);
                CopyStreamingInParts(s, target, source.Length, parts);
            }

            return;
        }

        source.CopyTo(new Span<byte>(target, source.Length));
    }

    /// <summary>Zeroes <paramref name="length"/> bytes at <paramref name="target"/>.</summary>
    public static void Clear(byte* target, long length)
    {
        for (long offset = 0; offset < length; offset += 1 << 30)
        {
            int chunk = (int)Math.Min(1 << 30, length - offset);
            if (chunk >= StreamingBytes && (Avx512F.IsSupported || Avx.IsSupported))
            {
                ClearStreaming(target + offset, chunk);
            }
            else
            {
                new Span<byte>(target + offset, chunk).Clear();
            }
        }
    }

    /// <summary>
    /// The streaming copy in <paramref name="parts"/> parts run in parallel (callers check the instruction set). Each
    /// part ends with its own store fence on its thread, and <see cref="Parallel.For(int, int, Action{int})"/> returns
    /// only after every part did, so the data is visible before the caller announces it.
    /// </summary>
    internal static void CopyStreamingInParts(byte* source, byte* target, int length, int parts)
    {
        if (parts <= 1)
        {
            CopyStreaming(source, target, length);
            return;
        }

        nint s = (nint)source;
        nint t = (nint)target;
        Parallel.For(0, parts, part =>
        {
            // Part boundaries on 64-byte lines of the target, so that no line is written by two threads.
            long start = PartStart(t, length, parts, part);
            long end = PartStart(t, length, parts, part + 1);
            CopyStreaming((byte*)(s + (nint)start), (byte*)(t + (nint)start), (int)(end - start));
        });
    }

    /// <summary>Where part <paramref name="part"/> of <paramref name="parts"/> starts: a line boundary of the target, 0 first and <paramref name="length"/> last.</summary>
    private static long PartStart(nint target, int length, int parts, int part)
    {
        if (part <= 0) return 0;
        if (part >= parts) return length;
        long even = (long)length * part / parts;
        long aligned = ((target + even) & ~63L) - target;
        return Math.Clamp(aligned, 0, length);
    }

    /// <summary>The streaming copy (callers check the instruction set); the ordinary copy does the unaligned edges.</summary>
    internal static void CopyStreaming(byte* source, byte* target, int length)
    {
        int head = Math.Min(length, (int)((64 - ((nuint)target & 63)) & 63));
        new ReadOnlySpan<byte>(source, head).CopyTo(new Span<byte>(target, head));
        int i = head;
        if (Avx512F.IsSupported)
        {
            for (; i + 256 <= length; i += 256)
            {
                Vector512<byte> a = Vector512.Load(source + i);
                Vector512<byte> b = Vector512.Load(source + i + 64);
                Vector512<byte> c = Vector512.Load(source + i + 128);
                Vector512<byte> d = Vector512.Load(source + i + 192);
                Avx512F.StoreAlignedNonTemporal(target + i, a);
                Avx512F.StoreAlignedNonTemporal(target + i + 64, b);
                Avx512F.StoreAlignedNonTemporal(target + i + 128, c);
                Avx512F.StoreAlignedNonTemporal(target + i + 192, d);
            }
        }
        else
        {
            for (; i + 128 <= length; i += 128)
            {
                Vector256<byte> a = Vector256.Load(source + i);
                Vector256<byte> b = Vector256.Load(source + i + 32);
                Vector256<byte> c = Vector256.Load(source + i + 64);
                Vector256<byte> d = Vector256.Load(source + i + 96);
                Avx.StoreAlignedNonTemporal(target + i, a);
                Avx.StoreAlignedNonTemporal(target + i + 32, b);
                Avx.StoreAlignedNonTemporal(target + i + 64, c);
                Avx.StoreAlignedNonTemporal(target + i + 96, d);
            }
        }

        Sse.StoreFence(); // streaming stores are weakly ordered: drain them before the request that announces the data
        new ReadOnlySpan<byte>(source + i, length - i).CopyTo(new Span<byte>(target + i, length - i));
    }

    private static void ClearStreaming(byte* target, int length)
    {
        int head = Math.Min(length, (int)((64 - ((nuint)target & 63)) & 63));
        new Span<byte>(target, head).Clear();
        int i = head;
        if (Avx512F.IsSupported)
        {
            for (; i + 64 <= length; i += 64)
            {
                Avx512F.StoreAlignedNonTemporal(target + i, Vector512<byte>.Zero);
            }
        }
        else
        {
            for (; i + 32 <= length; i += 32)
            {
                Avx.StoreAlignedNonTemporal(target + i, Vector256<byte>.Zero);
            }
        }

        Sse.StoreFence();
        new Span<byte>(target + i, length - i).Clear();
    }
}
