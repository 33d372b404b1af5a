using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace Prom.Bridge.Arrays;

/// <summary>
/// Copies and clears large arrays into shared segments with non-temporal (streaming) stores. A by-value array bigger
/// than the cache goes to memory anyway; streaming stores skip reading each destination line before writing it (the
/// "read for ownership" of ordinary stores), a third less memory traffic: 64 MiB took 8.2–9.0 ms instead of 14 ms
/// with <see cref="Span{T}.CopyTo"/> here, because the C library's own switch to streaming stores depends on the
/// reported cache size (260 MiB on this VM, shared) and never triggers. Below <see cref="StreamingBytes"/> the data
/// may still be in cache when Python reads it, so the ordinary copy is used. <see cref="Span{T}.CopyTo"/> is the
/// reference: both paths produce the same bytes. One core's streaming copy does not use all the memory bandwidth of
/// every machine (64 MiB on a 2-core AMD EPYC VM: 2.06 ms on one thread, 1.02 ms on two), so a large copy is cut into
/// blocks of <see cref="BlockBytes"/> that the calling thread and up to one helper thread per further core
/// (<see cref="CopyHelperThreads"/>) claim one at a time (<see cref="CopyStreamingInBlocks"/>). A helper that starts late still takes its share of what is left,
/// and one that starts after the last block was claimed does nothing, so a busy machine makes the copy serial, never
/// slower. Late starts were common with pool threads here (2-core VM): in back-to-back calls that pass a 64 MiB array
/// by value, the pool thread started 0.5–2.2 ms after it was queued in about a third of the calls (4–40 µs in the
/// others); with one part per core (<c>Parallel.For</c>, before) the caller then copied both halves itself. Not the vCPU's wake-up alone: a
/// pool thread queued by a spinning thread after the other core idled 3 ms starts in 13–19 µs (median; the
/// <c>array-probe</c> mode of Prom.Benchmarks); where the scheduler puts the woken thread is the likely cause.
/// </summary>
internal static unsafe class BulkCopy
{
    /// <summary>Copies of at least this many bytes stream (an array this large rarely stays cached for Python).</summary>
    public const long StreamingBytes = 32L << 20;

    /// <summary>A streaming copy takes one more core per this many bytes (a hand-off to a helper thread costs microseconds).</summary>
    public const long ParallelPartBytes = 16L << 20;

    /// <summary>
    /// The unit the threads of a parallel streaming copy claim (about 60 µs of one core's copy here): small enough
    /// that a helper that starts late or is preempted delays the end by at most one block, large enough that claiming
    /// costs nothing.
    /// </summary>
    public const int BlockBytes = 2 << 20;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (which has room for it).</summary>
    public static void Copy(ReadOnlySpan<byte> source, byte* target)
    {
        if (source.Length >= StreamingBytes && (Avx512F.IsSupported || Avx.IsSupported))
        {
            fixed (byte* s = source)
            {
                int helpers = (int)Math.Min(Environment.ProcessorCount, source.Length / ParallelPartBytes) - 1;
                CopyStreamingInBlocks(s, target, source.Length, (source.Length + BlockBytes - 1) / BlockBytes, helpers);
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
    /// The streaming copy cut into <paramref name="blocks"/> blocks, which the calling thread and
    /// <paramref name="helpers"/> helper threads (<see cref="CopyHelperThreads"/>) claim one at a time (callers check the instruction set). It returns
    /// when every block is copied, and only then: each block's streaming stores are fenced on the thread that made
    /// them before the block counts as done, so the data is visible before the caller announces it. A helper that
    /// starts after every block was claimed returns at once without touching either buffer (which may no longer be
    /// pinned by then).
    /// </summary>
    internal static void CopyStreamingInBlocks(byte* source, byte* target, int length, int blocks, int helpers)
    {
        blocks = Math.Clamp(blocks, 1, Math.Max(1, length / 64));
        if (blocks == 1 || helpers <= 0)
        {
            CopyStreaming(source, target, length);
            return;
        }

        var copy = new BlockCopy((nint)source, (nint)target, length, blocks);
        CopyHelperThreads.Shared.Help(copy, Math.Min(helpers, blocks - 1));

        copy.Execute();
        copy.WaitForClaimedBlocks();
    }

    /// <summary>One parallel copy: the blocks claimed so far and the blocks done (a helper's last block may still run when the caller has no more to claim).</summary>
    internal sealed class BlockCopy(nint source, nint target, int length, int blocks)
    {
        /// <summary>Blocks claimed (incremented past <see cref="_blocks"/> once by every thread that found none left).</summary>
        private int _claimed;

        /// <summary>Blocks copied and fenced.</summary>
        private int _done;

        private readonly int _blocks = blocks;

        /// <summary>Copies blocks until none is left to claim (on the caller and on every helper); returns at once, touching nothing, when none is.</summary>
        public void Execute()
        {
            int block;
            while ((block = Interlocked.Increment(ref _claimed) - 1) < _blocks)
            {
                long start = PartStart(target, length, _blocks, block);
                long end = PartStart(target, length, _blocks, block + 1);
                CopyStreaming((byte*)(source + (nint)start), (byte*)(target + (nint)start), (int)(end - start));
                Interlocked.Increment(ref _done); // after the block's store fence: whoever sees the count sees the bytes
            }
        }

        /// <summary>
        /// Waits for the blocks helpers still copy: at most one block each. No <c>Sleep(1)</c> (a millisecond, far
        /// more than a block), but it yields when the wait is long, so a preempted helper can get the core back.
        /// </summary>
        public void WaitForClaimedBlocks()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < _blocks)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
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
