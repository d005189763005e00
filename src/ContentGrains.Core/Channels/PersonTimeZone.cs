namespace ContentGrains.Core.Channels;

/// <summary>A person's IANA time zone ("Europe/Paris"); UTC when the person never set one.</summary>
public static class PersonTimeZone
{
    public const string Default = "UTC";

    /// <summary>The zone, or null with the reason when <paramref name="id"/> is not a known IANA id.</summary>
    public static (TimeZoneInfo? Zone, string? Problem) Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return (null, "must be an IANA time zone id such as Europe/Paris");
        if (id.Length > 64) return (null, "must be at most 64 characters");
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return (zone, null);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return (null, $"'{id}' is not a known IANA time zone id");
        }
    }

    /// <summary>The zone of a stored id (validated when it was set); UTC for null.</summary>
    public static TimeZoneInfo Of(string? id) => id is null || id == Default ? TimeZoneInfo.Utc : Find(id).Zone ?? TimeZoneInfo.Utc;

    public static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;
}
