namespace ContentGrains.Core.Channels;

/// <summary>
/// Local time in one zone, with the zone's answers cached: time-zone conversions are what a plan spends most of its
/// time on otherwise (a plan asks about the same few hours and days of thousands of people in a handful of zones).
/// Offsets are cached per UTC quarter hour (zones change offset on quarter-hour instants), day and week bounds per
/// local date. Not thread-safe: one per planner or per call.
/// </summary>
public sealed class LocalCalendar(TimeZoneInfo zone)
{
    private static readonly long QuarterHour = TimeSpan.FromMinutes(15).Ticks;
    private readonly Dictionary<long, TimeSpan> offsets = [];
    private readonly Dictionary<DateTime, LocalBounds> bounds = [];

    public TimeZoneInfo Zone => zone;

    public DateTime Local(DateTimeOffset at)
    {
        var bucket = at.UtcTicks / QuarterHour;
        if (!offsets.TryGetValue(bucket, out var offset))
            offsets[bucket] = offset = zone.GetUtcOffset(new DateTimeOffset(bucket * QuarterHour, TimeSpan.Zero));
        return new DateTime(at.UtcTicks + offset.Ticks, DateTimeKind.Unspecified);
    }

    public int HourOfWeek(DateTimeOffset at) => Channels.HourOfWeek.Of(Local(at));

    /// <summary>The UTC instants where the local day of <paramref name="localDate"/> and its week (Monday to Sunday) begin and end.</summary>
    public LocalBounds Bounds(DateTime localDate)
    {
        if (bounds.TryGetValue(localDate, out var known)) return known;
        var monday = localDate.AddDays(-(((int)localDate.DayOfWeek + 6) % 7));
        return bounds[localDate] = new LocalBounds(Utc(localDate), Utc(localDate.AddDays(1)), Utc(monday), Utc(monday.AddDays(7)));
    }

    /// <summary>The UTC instant of a local wall-clock time (a time skipped by a DST jump counts with the offset before it).</summary>
    private DateTimeOffset Utc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

/// <summary>A local day and its week as UTC instants: [DayStart, DayEnd) and [WeekStart, WeekEnd).</summary>
public readonly record struct LocalBounds(DateTimeOffset DayStart, DateTimeOffset DayEnd, DateTimeOffset WeekStart, DateTimeOffset WeekEnd);
