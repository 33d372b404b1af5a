using System;
using System.Runtime.InteropServices;

namespace Prom.Ecs;

/// <summary>
/// Asks Linux to back large chunk blocks with 2 MiB transparent huge pages (<c>madvise(MADV_HUGEPAGE)</c>). A per-chunk
/// loop over a million entities streams through thousands of 4 KiB pages, more than the second-level TLB holds, so
/// every page costs a page walk; with 2 MiB pages the same columns need a few dozen entries. Advisory: where the system
/// disables transparent huge pages, or on other systems, nothing changes.
/// </summary>
internal static partial class HugePages
{
    /// <summary>The huge page size the blocks are aligned to.</summary>
    internal const long Size = 2L * 1024 * 1024;

    private const int MadviseHugePage = 14;

    /// <summary>True when blocks of this many bytes are worth aligning and advising (at least two huge pages).</summary>
    internal static bool Worth(long bytes) => OperatingSystem.IsLinux() && bytes >= 2 * Size;

    /// <summary>Advises the whole huge pages inside [<paramref name="start"/>, +<paramref name="length"/>); must run before the memory is first touched.</summary>
    internal static unsafe void Advise(byte* start, long length)
    {
        long first = ((long)start + Size - 1) & ~(Size - 1);
        long end = ((long)start + length) & ~(Size - 1);
        if (end > first)
        {
            // The result is ignored: the advice is an optimization, and EINVAL (THP compiled out) changes nothing.
            _ = Madvise((nint)first, (nuint)(end - first), MadviseHugePage);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
