namespace ContentGrains.Core.Channels;

/// <summary>Hour of the week in a person's local time: 0 = Monday 00:00–01:00, 167 = Sunday 23:00–24:00.</summary>
public static class HourOfWeek
{
    public const int Count = 168;

    public static int Of(DateTime local) => ((int)local.DayOfWeek + 6) % 7 * 24 + local.Hour;

    public static int Of(DateTimeOffset at, TimeZoneInfo zone) => Of(PersonTimeZone.Local(at, zone));

    public static int HourOfDay(int hourOfWeek) => hourOfWeek % 24;
}
