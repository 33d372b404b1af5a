using System;
using System.Runtime.InteropServices;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Waits, with a time limit, until a pipe has bytes to read (<c>ppoll(2)</c>). It lets a lone caller block on the
/// child's output exactly like a plain echo loop blocks in <c>read</c> — and give up after a short while, which a
/// blocking <c>read</c> cannot. Linux only; elsewhere <see cref="IsSupported"/> is false and answers are always read
/// by the bridge's reader threads.
/// </summary>
internal static unsafe partial class PipePoll
{
    private const short PollIn = 0x001;
    private const short PollOut = 0x004;
    private const short PollErr = 0x008;
    private const short PollHup = 0x010;

    /// <summary>True where <c>ppoll</c> can be called (Linux, glibc or musl).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>
    /// True when a read on <paramref name="pipe"/> will not block (bytes are waiting, or the writer closed or broke it);
    /// false when <paramref name="nanoseconds"/> passed first or the wait was interrupted.
    /// </summary>
    public static bool WaitReadable(SafeHandle pipe, long nanoseconds) => Wait(pipe, PollIn, nanoseconds);

    /// <summary>True when a write on <paramref name="pipe"/> will not block (or will fail at once); false after the time.</summary>
    public static bool WaitWritable(SafeHandle pipe, long nanoseconds) => Wait(pipe, PollOut, nanoseconds);

    private static bool Wait(SafeHandle pipe, short events, long nanoseconds)
    {
        bool added = false;
        try
        {
            // The reference keeps the descriptor number from being closed and reused while the kernel waits on it.
            pipe.DangerousAddRef(ref added);
            var fds = new PollFd { Fd = (int)pipe.DangerousGetHandle(), Events = events };
            var timeout = new TimeSpec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
            int ready = ppoll(&fds, 1, &timeout, null);
            return ready > 0 && (fds.Revents & (events | PollErr | PollHup)) != 0;
        }
        catch (ObjectDisposedException)
        {
            return true; // the pipe is closed: a read reports it at once
        }
        finally
        {
            if (added)
            {
                pipe.DangerousRelease();
            }
        }
    }

    /// <summary>A zero-length, zero-timeout <c>ppoll</c>: proves that libc and the entry point load here.</summary>
    private static bool Probe()
    {
        try
        {
            var zero = default(TimeSpec);
            return ppoll(null, 0, &zero, null) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary><c>struct timespec</c> (<c>time_t</c> and <c>long</c> are pointer-sized on Linux).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
