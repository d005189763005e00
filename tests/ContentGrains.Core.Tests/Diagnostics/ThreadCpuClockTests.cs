using ContentGrains.Core.Diagnostics;

namespace ContentGrains.Core.Tests.Diagnostics;

/// <summary>The thread CPU clock counts this thread's work and not its sleep (what the silo's meters and the benchmarks rely on).</summary>
public sealed class ThreadCpuClockTests
{
    [Fact]
    public void Counts_this_threads_work_but_not_its_sleep()
    {
        Assert.True(ThreadCpuClock.Available, "the thread CPU clock needs Linux");
        var start = ThreadCpuClock.Microseconds();
        Thread.Sleep(200);
        var slept = ThreadCpuClock.Microseconds() - start;

        var busyStart = ThreadCpuClock.Now();
        var sum = 0.0;
        for (var i = 0; i < 20_000_000; i++) sum += Math.Sqrt(i);
        var busy = ThreadCpuClock.Now() - busyStart;

        Assert.True(sum > 0);
        Assert.True(slept < 50_000, $"200 ms of sleep read {slept:F0} µs of CPU");
        Assert.True(busy > TimeSpan.FromMilliseconds(5), $"20M square roots read {busy.TotalMilliseconds:F2} ms of CPU");
    }
}
