using System.Runtime.InteropServices;

namespace ContentGrains.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID), nanosecond resolution): on a machine
/// shared by many processes, wall time mostly measures waiting for a core, so the benchmark also reports the CPU time
/// each feed and refresh used.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    /// <summary>CPU time of this thread so far, in microseconds.</summary>
    public static double Microseconds()
    {
        if (clock_gettime(ClockThreadCpuTime, out var time) != 0) throw new InvalidOperationException($"clock_gettime failed: errno {Marshal.GetLastPInvokeError()}");
        return time.Seconds * 1e6 + time.Nanoseconds / 1e3;
    }
}
