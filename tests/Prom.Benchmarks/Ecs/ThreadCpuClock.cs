using System.Runtime.InteropServices;

namespace Prom.Benchmarks.Ecs;

/// <summary>This thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), in nanoseconds; 0 elsewhere.</summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTime = 3;

    public static long Nanoseconds()
    {
        if (!System.OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuTime, out Timespec now) != 0)
        {
            return 0;
        }

        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
