using System.Runtime.InteropServices;

namespace ContentGrains.Core.Diagnostics;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)). On a shared machine the wall time of
/// background work mostly measures waiting for a core; its CPU time says what it took from the requests. The silo's
/// meters and the benchmarks read the same clock.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    /// <summary>Whether this platform has the clock (Linux); elsewhere <see cref="Now"/> is always zero.</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux();

    /// <summary>CPU time of this thread so far (zero where <see cref="Available"/> is false or the call fails).</summary>
    public static TimeSpan Now() =>
        Available && clock_gettime(ClockThreadCpuTime, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : TimeSpan.Zero;

    /// <summary>
    /// CPU time of this thread so far, in microseconds, for benchmarks: where the clock is missing they must fail,
    /// not report zero.
    /// </summary>
    public static double Microseconds() =>
        Available && clock_gettime(ClockThreadCpuTime, out var time) == 0
            ? time.Seconds * 1e6 + time.Nanoseconds / 1e3
            : throw new InvalidOperationException("the thread CPU clock (clock_gettime(CLOCK_THREAD_CPUTIME_ID)) is not available here");
}
