using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class RecentWindowsTests
{
    private static readonly DateTimeOffset Noon = new(2019, 11, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_window_halves_over_its_length_and_all_time_keeps_totals()
    {
        var windows = new RecentWindows();
        windows.RecordImpression(Noon);
        windows.RecordImpression(Noon);
        windows.RecordClick(Noon);

        var counts = windows.CountsAt(Noon.AddHours(1));

        Assert.Equal(["1h", "6h", "24h", "all"], RecentWindows.Names);
        Assert.Equal(1.0, counts[0].Impressions, 9);                    // 2 · ½
        Assert.Equal(0.5, counts[0].Clicks, 9);
        Assert.Equal(2 * Math.Pow(0.5, 1.0 / 6), counts[1].Impressions, 9);
        Assert.Equal(Math.Pow(0.5, 1.0 / 24), counts[2].Clicks, 9);
        Assert.Equal(new WindowCount(2, 1), counts[3]);
    }

    [Fact]
    public void First_seen_is_the_earliest_impression_even_out_of_order()
    {
        var windows = new RecentWindows();
        windows.RecordImpression(Noon);
        windows.RecordImpression(Noon.AddHours(-2));

        Assert.Equal(Noon.AddHours(-2), windows.FirstSeen);
        // The older impression is decayed to noon: 1 + ½² in the 1 h window.
        Assert.Equal(1.25, windows.CountsAt(Noon)[0].Impressions, 9);
    }
}
