using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Catalog;

public sealed class ItemQualityTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);

    /// <summary>An item's windows from (slot, impressions, clicks) counts, every event carrying its slot.</summary>
    private static RecentWindows Shown(params (int Slot, int Impressions, int Clicks)[] counts)
    {
        var windows = new RecentWindows();
        foreach (var (slot, impressions, clicks) in counts)
        {
            for (var i = 0; i < impressions; i++) windows.Record(Event(EventType.Impression) with { Slot = slot });
            for (var i = 0; i < clicks; i++) windows.Record(Event(EventType.Click) with { Slot = slot });
        }
        return windows;
    }

    private static CatalogEntry Entry(string id, RecentWindows windows) => new(id, [], [], null, default, windows.TotalImpressions, Windows: windows);

    /// <summary>The rest of the platform: 1,000 impressions at slot 0 with 200 clicks, 1,000 at slot 6 with 50.</summary>
    private static CatalogEntry Crowd() => Entry("crowd", Shown((0, 1_000, 200), (6, 1_000, 50)));

    private static CatalogSnapshot Publish(params CatalogEntry[] entries)
    {
        var view = new CatalogView(HalfLife, CatalogViewSettings.Unbounded(entries.Length));
        view.ApplyAll(entries);
        view.Publish(T0); // the first publication sets the slot rates; the items are keyed with them on their next report
        view.ApplyAll(entries);
        return view.Publish(T0.AddSeconds(1));
    }

    [Fact]
    public void Windows_count_impressions_and_clicks_per_slot_and_a_copy_keeps_its_own()
    {
        var windows = Shown((0, 2, 1), (3, 1, 0), (14, 1, 1));
        var copy = windows.Copy();
        windows.Record(Event(EventType.Impression) with { Slot = 0 });
        windows.Record(Event(EventType.Impression)); // no slot: the totals only

        Assert.Equal([2L, 0, 0, 1, 0, 0, 0, 0, 0, 1], copy.SlotImpressions!);
        Assert.Equal([1L, 0, 0, 0, 0, 0, 0, 0, 0, 1], copy.SlotClicks!);   // slot 14 counts in the last bucket
        Assert.Equal(3, windows.SlotImpressions![0]);
        Assert.Equal(6, windows.TotalImpressions);
    }

    [Fact]
    public void Slot_rates_are_the_platforms_clicks_per_impression_at_each_slot_shrunk_toward_the_mean()
    {
        var snapshot = Publish(Crowd());

        Assert.Equal(0.125, snapshot.Quality.MeanRate, 12);
        // slot 0: (200 + 100 × 0.125) / 1,100; slot 6: (50 + 12.5) / 1,100; an unused slot: the mean.
        Assert.Equal(0.193182, snapshot.Quality.SlotRates[0], 6);
        Assert.Equal(0.056818, snapshot.Quality.SlotRates[6], 6);
        Assert.Equal(0.125, snapshot.Quality.SlotRates[3], 12);
    }

    [Fact]
    public void An_item_clicked_as_often_from_a_low_slot_ranks_above_one_clicked_from_the_top()
    {
        var top = Entry("top", Shown((0, 100, 10)));
        var low = Entry("low", Shown((6, 100, 10)));

        var snapshot = Publish(Crowd(), top, low);

        // The platform: slot 0 draws (210 + 100 × 0.1227) / 1,200 = 0.1852 clicks an impression, slot 6 0.0602.
        // top: (10 + 3) / (100 × 0.1852 + 3); low: (10 + 3) / (100 × 0.0602 + 3). Raw clicks per impression tie at 0.1.
        Assert.Equal(0.604013, snapshot.Quality.Of(top), 6);
        Assert.Equal(1.440806, snapshot.Quality.Of(low), 6);
        Assert.Equal(["low", "crowd", "top"], snapshot.ByQuality.Select(s => snapshot.Entries[s].ItemId));
    }

    [Fact]
    public void A_lucky_click_on_three_impressions_does_not_outrank_sixty_clicks_on_three_hundred()
    {
        var lucky = Entry("lucky", Shown((0, 3, 1)));
        var proven = Entry("proven", Shown((0, 300, 60)));
        var crowd = Entry("crowd", Shown((0, 1_000, 100), (6, 1_000, 25))); // 10 % at the top

        var snapshot = Publish(crowd, lucky, proven);

        // Raw clicks per impression say the opposite: 0.33 against 0.20.
        Assert.True(snapshot.Quality.Of(proven) > snapshot.Quality.Of(lucky));
        Assert.Equal("proven", snapshot.Entries[snapshot.ByQuality[0]].ItemId);
        // (1 + 3) / (3 × 0.12 + 3) = 1.19, where raw clicks per impression say 2.8 × the top slot's rate.
        Assert.InRange(snapshot.Quality.Of(lucky), 1.0, 1.25);
        Assert.InRange(snapshot.Quality.Of(proven), 1.5, 1.7);
    }

    [Fact]
    public void Impressions_without_a_slot_are_expected_at_the_mean_rate_and_an_unseen_item_is_average()
    {
        var unslotted = new RecentWindows();
        for (var i = 0; i < 40; i++) unslotted.Record(Event(EventType.Impression));
        for (var i = 0; i < 5; i++) unslotted.Record(Event(EventType.Click));

        var snapshot = Publish(Crowd(), Entry("old", unslotted));

        // 2,040 impressions and 255 clicks on the platform: mean 0.125; expected 40 × 0.125 = 5.
        Assert.Equal(5.0, snapshot.Quality.ExpectedClicks(unslotted), 9);
        Assert.Equal(1.0, snapshot.Quality.Of(unslotted), 9);
        Assert.Equal(1.0, snapshot.Quality.Of(new RecentWindows()), 12);
        Assert.Equal(1.0, ItemQuality.Neutral.Of(unslotted), 12);
    }

    [Fact]
    public void A_report_replaces_the_items_counts_in_the_platforms_totals()
    {
        var view = new CatalogView(HalfLife, CatalogViewSettings.Unbounded(2));
        view.Apply(Crowd());
        view.Apply(Entry("a", Shown((0, 1_000, 1_000))));
        view.Apply(Entry("a", Shown((0, 10, 0)))); // its counts now; the 1,000 clicks must not stay in the rates

        var snapshot = view.Publish(T0);

        Assert.Equal(250.0 / 2_010, snapshot.Quality.MeanRate, 12);
    }

    [Fact]
    public void The_prior_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ItemQuality(new SlotTotals(), 0));
        Assert.Equal("priorClicks", error.ParamName);
    }

    [Fact]
    public void The_ranking_term_lifts_the_better_item_in_a_weighted_ranking_and_multiplies_a_click_models_probability()
    {
        var top = Entry("top", Shown((0, 100, 10)));
        var low = Entry("low", Shown((6, 100, 10)));
        var snapshot = Publish(Crowd(), top, low);
        int Slot(string id) => snapshot.IndexOf(id);
        List<ScoredCandidate> Tied() => [new(Slot("top"), 0.5, 0, 0, null, 0, 0), new(Slot("low"), 0.5, 0, 0, null, 0, 0)];

        var weighted = ItemQualityTerm.Apply(Tied(), snapshot, new ItemQualitySettings(), byClickModel: false);
        var clicked = ItemQualityTerm.Apply(Tied(), snapshot, new ItemQualitySettings(), byClickModel: true);
        var off = ItemQualityTerm.Apply(Tied(), snapshot, new ItemQualitySettings { Weight = 0 }, byClickModel: false);

        Assert.Equal(["low", "top"], weighted.Select(c => snapshot.Entries[c.Entry].ItemId));
        Assert.Equal(0.5 + ItemQuality.Part(snapshot.Quality.Of(low)), weighted[0].Score, 12);
        Assert.Equal(0.5 * Math.Sqrt(snapshot.Quality.Of(low)), clicked[0].Score, 12);
        Assert.Equal(["top", "low"], off.Select(c => snapshot.Entries[c.Entry].ItemId)); // weight 0: the ranking as it came
        Assert.All(off, c => Assert.Equal(0.5, c.Score));
    }
}
