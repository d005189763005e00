namespace ContentGrains.Grains.Tests;

/// <summary>When the trainer's reminder starts a job: every N minutes (if events arrived) or after M new events.</summary>
public sealed class RetrainScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(30);

    [Fact]
    public void After_enough_new_events_the_events_trigger_fires_whatever_the_time()
    {
        var schedule = new RetrainSchedule(TimeSpan.FromMinutes(30), AfterEvents: 1_000, TimeSpan.FromMinutes(1), RetryAfterFailure);
        Assert.Equal("events", schedule.Due(1_000, Now.AddMinutes(-1), null, Now));
        Assert.Null(schedule.Due(999, Now.AddMinutes(-29), null, Now));
        Assert.Equal("schedule", schedule.Due(999, Now.AddMinutes(-30), null, Now));
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.Period);
    }

    [Fact]
    public void The_interval_trigger_needs_a_new_event_and_fires_at_once_before_any_training()
    {
        var schedule = new RetrainSchedule(TimeSpan.FromMinutes(30), AfterEvents: 0, TimeSpan.FromMinutes(1), RetryAfterFailure);
        Assert.Null(schedule.Due(0, Now.AddHours(-5), null, Now));
        Assert.Equal("schedule", schedule.Due(1, null, null, Now));
        Assert.Null(schedule.Due(1_000_000, Now.AddMinutes(-10), null, Now)); // the events trigger is off
    }

    [Fact]
    public void With_both_triggers_off_there_is_no_reminder()
    {
        Assert.Null(new RetrainSchedule(TimeSpan.Zero, 0, TimeSpan.FromMinutes(1), RetryAfterFailure).Period);
        Assert.Null(new RetrainSchedule(TimeSpan.Zero, 0, TimeSpan.FromMinutes(1), RetryAfterFailure).Due(10, null, null, Now));
        Assert.Equal(TimeSpan.FromMinutes(1), new RetrainSchedule(TimeSpan.FromSeconds(90), 0, TimeSpan.FromMinutes(1), RetryAfterFailure).Period);
        Assert.Equal(TimeSpan.FromMinutes(1), new RetrainSchedule(TimeSpan.Zero, 50, TimeSpan.FromMinutes(1), RetryAfterFailure).Period);
    }

    [Fact]
    public void After_a_failed_job_neither_trigger_fires_until_the_retry_time_has_passed()
    {
        var schedule = new RetrainSchedule(TimeSpan.FromMinutes(30), AfterEvents: 1_000, TimeSpan.FromMinutes(1), RetryAfterFailure);
        Assert.Null(schedule.Due(1_000_000, null, Now.AddMinutes(-1), Now));                  // never trained, failed a minute ago
        Assert.Null(schedule.Due(1_000_000, Now.AddHours(-2), Now.AddMinutes(-29), Now));
        Assert.Equal("events", schedule.Due(1_000_000, Now.AddHours(-2), Now.AddMinutes(-30), Now));
        Assert.Equal("schedule", schedule.Due(1, null, Now.AddMinutes(-31), Now));
    }
}
