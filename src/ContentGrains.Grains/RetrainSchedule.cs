namespace ContentGrains.Grains;

/// <summary>
/// When the trainer's reminder starts a job: after <c>AfterEvents</c> new events ("events"), or when <c>Every</c> has
/// passed since the last training and any event arrived ("schedule"). Zero turns a trigger off; with both off there is
/// no reminder and training is by hand. Neither fires within <c>RetryAfterFailure</c> of a failed job: a job that cannot
/// succeed yet (a click model before any feed was logged as shown) read the whole log at every check, once a minute.
/// </summary>
public sealed record RetrainSchedule(TimeSpan Every, long AfterEvents, TimeSpan CheckInterval, TimeSpan RetryAfterFailure)
{
    public static RetrainSchedule Of(EngineOptions options) =>
        new(options.RetrainInterval, options.Training.RetrainAfterEvents, options.Training.CheckInterval, options.Training.RetryAfterFailure);

    /// <summary>The reminder period: the check interval, or the interval itself when only it is on and shorter.</summary>
    public TimeSpan? Period => (Every > TimeSpan.Zero, AfterEvents > 0) switch
    {
        (false, false) => null,
        (true, false) => Every < CheckInterval ? Every : CheckInterval,
        _ => CheckInterval,
    };

    /// <summary>The trigger that is due ("events" or "schedule"), or null.</summary>
    public string? Due(long newEvents, DateTimeOffset? lastTrainedAt, DateTimeOffset? lastFailedAt, DateTimeOffset now)
    {
        if (lastFailedAt is { } failed && now - failed < RetryAfterFailure) return null;
        if (AfterEvents > 0 && newEvents >= AfterEvents) return "events";
        if (Every > TimeSpan.Zero && newEvents > 0 && (lastTrainedAt is null || now - lastTrainedAt >= Every)) return "schedule";
        return null;
    }
}
