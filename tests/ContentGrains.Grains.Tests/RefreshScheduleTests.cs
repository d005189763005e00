using ContentGrains.Testing;

namespace ContentGrains.Grains.Tests;

/// <summary>The per-silo refresh that feeds use for the catalog view, the headline tests and the model: behind the caller once a copy is held.</summary>
public sealed class RefreshScheduleTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_background_refresh_does_not_hold_the_caller_and_only_one_runs_at_a_time()
    {
        var schedule = new RefreshSchedule(new Clock(DateTimeOffset.UnixEpoch));
        var release = new TaskCompletionSource();
        var started = 0;
        var first = new TaskCompletionSource();
        Func<object, Task> refresh = async _ => { Interlocked.Increment(ref started); first.TrySetResult(); await release.Task; };

        schedule.StartIfDue(MaxAge, new object(), refresh, (_, _) => { });
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        schedule.StartIfDue(MaxAge, new object(), refresh, (_, _) => { }); // still running: not started again
        Assert.Equal(1, Volatile.Read(ref started));
        release.SetResult();
    }

    [Fact]
    public async Task A_failed_background_refresh_counts_as_one_so_a_source_that_is_down_is_asked_once_per_max_age()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch);
        var schedule = new RefreshSchedule(clock);
        var calls = 0;
        var failures = 0;
        async Task StartAndSettleAsync(int failuresAfter)
        {
            schedule.StartIfDue(MaxAge, new object(), _ => { Interlocked.Increment(ref calls); throw new TimeoutException("the shard did not answer"); },
                (_, error) => { Assert.IsType<TimeoutException>(error); Interlocked.Increment(ref failures); });
            await Eventually.Get(() => Task.FromResult(Volatile.Read(ref failures)), n => n == failuresAfter, $"{failuresAfter} failures reported");
            await Task.Delay(50); // the background task clears its running flag after reporting
        }

        await StartAndSettleAsync(1);
        await StartAndSettleAsync(1); // within the max age: the failure counted as a refresh, nothing started
        Assert.Equal(1, calls);
        clock.Now += MaxAge;
        await StartAndSettleAsync(2);
        Assert.Equal(2, calls);
    }
}
