namespace ContentGrains.Core.Privacy;

/// <summary>
/// How long the event log keeps events ("ContentGrains:Engine:Retention"). <see cref="EventDays"/> 0 (the default)
/// keeps them for ever. Otherwise a reminder every <see cref="Interval"/> deletes the events whose event time is more
/// than EventDays old, <see cref="BatchEvents"/> rows per statement, so no run holds a long lock on the log.
/// </summary>
public sealed class RetentionSettings
{
    public int EventDays { get; set; }
    public int BatchEvents { get; set; } = 10_000;
    /// <summary>Orleans reminders fire at most once a minute, so a shorter interval is refused.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => EventDays > 0;

    /// <summary>Events with an event time before this are expired.</summary>
    public DateTimeOffset CutoffAt(DateTimeOffset now) => now - TimeSpan.FromDays(EventDays);

    /// <summary>The first setting that is out of range, named as in the configuration; null when all are valid.</summary>
    public string? Problem() =>
        EventDays < 0 ? $"Retention:EventDays must be 0 (keep for ever) or a number of days, got {EventDays}"
        : BatchEvents is < 1 or > 1_000_000 ? $"Retention:BatchEvents must be between 1 and 1,000,000, got {BatchEvents}"
        : Enabled && Interval < TimeSpan.FromMinutes(1) ? $"Retention:Interval must be at least one minute (a reminder's shortest period), got {Interval}"
        : null;
}
