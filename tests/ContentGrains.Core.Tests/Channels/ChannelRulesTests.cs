using ContentGrains.Core.Channels;
using Xunit;

namespace ContentGrains.Core.Tests.Channels;

public sealed class ChannelRulesTests
{
    [Fact]
    public void Bad_rules_name_each_field_and_the_reason()
    {
        var problems = new ChannelRules { CapPerDay = -1, QuietEndHour = 24, CostPerSend = 0, FatigueFactor = 1.5, Formats = ["video", " "] }.Problems();

        Assert.Equal(["capPerDay", "quietEndHour", "costPerSend", "fatigueFactor", "formats"], problems.Select(p => p.Field));
        Assert.Contains("between 0 and 23", problems.Single(p => p.Field == "quietEndHour").Reason);
        Assert.Empty(new ChannelRules().Problems());
    }

    [Fact]
    public void Quiet_hours_wrap_midnight_and_equal_hours_mean_none()
    {
        var night = new ChannelRules { QuietStartHour = 22, QuietEndHour = 7 };
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 22, 23], Enumerable.Range(0, 24).Where(night.IsQuietHour));
        var lunch = new ChannelRules { QuietStartHour = 12, QuietEndHour = 14 };
        Assert.Equal([12, 13], Enumerable.Range(0, 24).Where(lunch.IsQuietHour));
        Assert.DoesNotContain(Enumerable.Range(0, 24), new ChannelRules { QuietStartHour = 5, QuietEndHour = 5 }.IsQuietHour);
    }

    [Fact]
    public void Formats_are_matched_without_case_and_empty_accepts_any()
    {
        var rules = new ChannelRules { Formats = ["Video"] };
        Assert.True(rules.Accepts("video"));
        Assert.False(rules.Accepts("article"));
        Assert.False(rules.Accepts(null));
        Assert.True(new ChannelRules().Accepts(null));
    }

    [Fact]
    public void Time_zones_are_IANA_ids_and_a_bad_one_says_why()
    {
        Assert.Equal(TimeSpan.FromHours(9), PersonTimeZone.Find("Asia/Tokyo").Zone!.BaseUtcOffset);
        Assert.Contains("not a known IANA time zone", PersonTimeZone.Find("Mars/Olympus").Problem);
        Assert.NotNull(PersonTimeZone.Find("").Problem);
        Assert.Equal(TimeZoneInfo.Utc, PersonTimeZone.Of(null));
    }

    [Fact]
    public void Hour_of_week_starts_monday_at_midnight_local()
    {
        var paris = PersonTimeZone.Of("Europe/Paris");
        // Sunday 2026-01-04 23:30 UTC is Monday 00:30 in Paris (UTC+1 in winter): hour 0; in UTC it is Sunday 23h: hour 167.
        var at = new DateTimeOffset(2026, 1, 4, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(0, HourOfWeek.Of(at, paris));
        Assert.Equal(167, HourOfWeek.Of(at, TimeZoneInfo.Utc));
    }
}
