using System;
using System.Runtime.InteropServices;

namespace Prom.Bridge.Protocol;

/// <summary>
/// Non-blocking writes to the child's stdin (<c>fcntl(O_NONBLOCK)</c>, <c>write(2)</c>). A blocking write into a full
/// pipe cannot be abandoned, so a request behind a busy Python would hold its caller past any timeout; with the pipe
/// non-blocking the caller writes what fits and leaves the rest to a drain thread. Linux only; elsewhere writes block.
/// </summary>
internal static unsafe partial class PipeWrite
{
    private const int GetFlags = 3;
    private const int SetFlags = 4;
    private const int NonBlockingFlag = 0x800; // O_NONBLOCK on Linux x64 and arm64
    private const int WouldBlock = 11; // EAGAIN
    private const int Interrupted = 4; // EINTR

    /// <summary>Switches <paramref name="pipe"/> to non-blocking mode; false where that is not possible.</summary>
    public static bool TrySetNonBlocking(SafeHandle pipe)
    {
        if (!PipePoll.IsSupported)
        {
            return false;
        }

        int fd = (int)pipe.DangerousGetHandle();
        int flags = fcntl(fd, GetFlags, 0);
        return flags >= 0 && fcntl(fd, SetFlags, flags | NonBlockingFlag) >= 0;
    }

    /// <summary>Writes some of <paramref name="data"/>: the count written, 0 when the pipe is full; throws on a broken pipe.</summary>
    public static int WriteSome(SafeHandle pipe, ReadOnlySpan<byte> data)
    {
        bool added = false;
        try
        {
            pipe.DangerousAddRef(ref added);
            int fd = (int)pipe.DangerousGetHandle();
            fixed (byte* p = data)
            {
                while (true)
                {
                    nint n = write(fd, p, (nuint)data.Length);
                    if (n >= 0)
                    {
                        return (int)n;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == WouldBlock)
                    {
                        return 0;
                    }

                    if (errno != Interrupted)
                    {
                        throw new System.IO.IOException($"Writing to the Python process failed (errno {errno}).");
                    }
                }
            }
        }
        finally
        {
            if (added)
            {
                pipe.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, byte* buffer, nuint count);
}
