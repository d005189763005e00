using ContentGrains.Core.Channels;
using Xunit;

namespace ContentGrains.Core.Tests.Channels;

public sealed class PersonExposureTests
{
    // Thursday 2026-01-01, midnight UTC.
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChannelRules Rules = new() { CapPerDay = 2, CapPerWeek = 3, MinGap = TimeSpan.FromHours(3), QuietStartHour = 22, QuietEndHour = 8 };

    [Fact]
    public void Quiet_hours_are_in_the_persons_time_zone()
    {
        var tokyo = PersonTimeZone.Of("Asia/Tokyo");
        var exposure = new PersonExposure { TimeZone = "Asia/Tokyo" };
        // 14:00 UTC is 23:00 in Tokyo (quiet), 00:00 UTC is 09:00 there (allowed).
        Assert.Equal(SendRefusals.QuietHours, exposure.Refusal("email", Rules, T0.AddHours(14), tokyo));
        Assert.Null(exposure.Refusal("email", Rules, T0, tokyo));
    }

    [Fact]
    public void The_gap_holds_against_sends_on_any_channel_before_or_after()
    {
        var exposure = new PersonExposure();
        exposure.Record(ChannelSend.Of("app-push", "a", T0.AddHours(12)));
        Assert.Equal(SendRefusals.MinGap, exposure.Refusal("email", Rules, T0.AddHours(10).AddMinutes(1), TimeZoneInfo.Utc));
        Assert.Equal(SendRefusals.MinGap, exposure.Refusal("email", Rules, T0.AddHours(14).AddMinutes(59), TimeZoneInfo.Utc));
        Assert.Null(exposure.Refusal("email", Rules, T0.AddHours(15), TimeZoneInfo.Utc));
        Assert.Null(exposure.Refusal("email", Rules, T0.AddHours(9), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Caps_count_the_channels_sends_per_local_day_and_week()
    {
        var paris = PersonTimeZone.Of("Europe/Paris");
        var exposure = new PersonExposure { TimeZone = "Europe/Paris" };
        exposure.Record(ChannelSend.Of("email", "a", T0.AddHours(9)));   // Thu 10:00 Paris
        exposure.Record(ChannelSend.Of("email", "b", T0.AddHours(13)));  // Thu 14:00 Paris
        exposure.Record(ChannelSend.Of("web", "c", T0.AddHours(17)));    // another channel: not in this channel's caps
        Assert.Equal(SendRefusals.CapPerDay, exposure.Refusal("email", Rules, T0.AddHours(20), paris)); // Thu 21:00 Paris
        // 23:30 UTC Thursday is Friday 00:30 in Paris, but quiet; Friday 09:00 Paris is a new day: allowed.
        Assert.Null(exposure.Refusal("email", Rules, T0.AddHours(32), paris));
        exposure.Record(ChannelSend.Of("email", "d", T0.AddHours(32)));
        // Saturday: the week (Monday to Sunday) already holds three.
        Assert.Equal(SendRefusals.CapPerWeek, exposure.Refusal("email", Rules, T0.AddHours(56), paris));
        // Monday 2026-01-05 09:00 Paris starts a new week.
        Assert.Null(exposure.Refusal("email", Rules, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), paris));
    }

    [Fact]
    public void The_shared_daily_cap_counts_every_channel()
    {
        var rules = Rules with { AllChannelsPerDay = 2, MinGap = TimeSpan.Zero };
        var exposure = new PersonExposure();
        exposure.Record(ChannelSend.Of("web", "a", T0.AddHours(9)));
        exposure.Record(ChannelSend.Of("social", "b", T0.AddHours(10)));
        Assert.Equal(SendRefusals.AllChannelsPerDay, exposure.Refusal("email", rules, T0.AddHours(11), TimeZoneInfo.Utc));
        Assert.Null(exposure.Refusal("email", rules with { AllChannelsPerDay = 3 }, T0.AddHours(11), TimeZoneInfo.Utc));
    }

    [Fact]
    public void See_less_halves_the_cap_until_it_is_forgotten()
    {
        var rules = Rules with { MinGap = TimeSpan.Zero, FatigueMemory = TimeSpan.FromDays(10) };
        var exposure = new PersonExposure();
        exposure.Record(ChannelSend.Of("email", "a", T0.AddHours(9)));
        exposure.Engage("email", "a", T0.AddHours(9.5), click: false);
        Assert.Null(exposure.Refusal("email", rules, T0.AddHours(12), TimeZoneInfo.Utc)); // 1 of 2
        exposure.MarkSeeLess("email", T0.AddHours(10));
        Assert.Equal(0.5, exposure.FatigueFactor("email", rules, T0.AddHours(12)));
        Assert.Equal(SendRefusals.CapPerDay, exposure.Refusal("email", rules, T0.AddHours(12), TimeZoneInfo.Utc)); // floor(2 × 0.5) = 1
        Assert.Equal(1.0, exposure.FatigueFactor("web", rules, T0.AddHours(12)));
        Assert.Equal(1.0, exposure.FatigueFactor("email", rules, T0.AddDays(11)));
    }

    [Fact]
    public void A_run_of_ignored_sends_lowers_the_cap_and_an_open_resets_it()
    {
        var rules = Rules with { CapPerDay = 2, CapPerWeek = 100, MinGap = TimeSpan.Zero, IgnoredSendsForFatigue = 3, OpenWindow = TimeSpan.FromHours(24) };
        var exposure = new PersonExposure();
        for (var day = 0; day < 3; day++) exposure.Record(ChannelSend.Of("email", $"x{day}", T0.AddDays(day).AddHours(9)));
        // On day 3 at 08:00 the third send is not yet 24 h old: two ignored so far.
        Assert.Equal(1.0, exposure.FatigueFactor("email", rules, T0.AddDays(3).AddHours(8)));
        Assert.Equal(0.5, exposure.FatigueFactor("email", rules, T0.AddDays(3).AddHours(10)));
        // An open of the latest send (within its window) ends the run.
        exposure.Engage("email", "x2", T0.AddDays(2).AddHours(20), click: true);
        Assert.Equal(1.0, exposure.FatigueFactor("email", rules, T0.AddDays(3).AddHours(10)));
        Assert.NotNull(exposure.Sends[^1].ClickedAt);
    }

    [Fact]
    public void Old_sends_are_dropped_beyond_the_retention()
    {
        var exposure = new PersonExposure();
        exposure.Record(ChannelSend.Of("email", "old", T0));
        exposure.Record(ChannelSend.Of("email", "new", T0 + PersonExposure.Retention + TimeSpan.FromHours(1)));
        Assert.Equal(["new"], exposure.Sends.Select(s => s.ItemId));
    }
}
