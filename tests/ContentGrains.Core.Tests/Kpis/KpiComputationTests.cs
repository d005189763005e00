using ContentGrains.Core.Events;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Traffic;
using static ContentGrains.Core.Tests.Given;

namespace ContentGrains.Core.Tests.Kpis;

public sealed class KpiComputationTests
{
    private static readonly Dictionary<string, string[]> Tags = new() { ["a"] = ["news", "sport"], ["b"] = ["news"] };
    private static readonly Dictionary<string, string> Formats = new() { ["a"] = "video", ["b"] = "article" };

    private static KpiComputation Computation() => new(() =>
    [
        KpiDimension.Item, KpiDimension.Channel, KpiDimension.Day,
        KpiDimension.ItemLabels("tag", id => Tags.GetValueOrDefault(id)),
        KpiDimension.ItemLabels("format", id => Formats.TryGetValue(id, out var f) ? [f] : null),
        KpiDimension.PersonLabels("segment", person => person == "p1" ? ["s1"] : null),
    ], new TrafficOptions());

    private static Interaction E(string user, string item, EventType type, double minutes, string channel = "web", double dwell = 0) =>
        Event(type, item, T0.AddMinutes(minutes), dwell, channel, user);

    [Fact]
    public void Ctr_conversion_and_dwell_per_dimension_are_counted_by_hand()
    {
        List<Interaction> events =
        [
            E("p1", "a", EventType.Impression, 0), E("p1", "a", EventType.Click, 1), E("p1", "a", EventType.Dwell, 2, dwell: 30),
            E("p1", "a", EventType.Conversion, 3),
            E("p2", "a", EventType.Impression, 5, "app"), E("p2", "b", EventType.Impression, 5, "app"),
            E("p2", "b", EventType.Click, 6, "app"), E("p2", "b", EventType.Dwell, 7, "app", dwell: 90),
            E("p3", "b", EventType.Impression, 60 * 24 + 1), // the next day
        ];
        var (report, exclusion) = Computation().Run(events, KpiWindow.All);

        Assert.Equal((4, 2), (report.Overall.Impressions, report.Overall.Clicks));
        Assert.Equal(0.5, report.Overall.Ctr!.Value);
        Assert.Equal((1, 2), (report.Overall.ConversionRate!.Successes, report.Overall.ConversionRate.Trials));
        Assert.Equal(60, report.Overall.Dwell!.Mean);
        var items = report.Dimensions["item"].Rows.ToDictionary(r => r.Key);
        Assert.Equal((2, 1), (items["a"].Impressions, items["a"].Clicks));
        Assert.Equal((2, 1), (items["b"].Impressions, items["b"].Clicks));
        var tags = report.Dimensions["tag"].Rows.ToDictionary(r => r.Key);
        Assert.Equal((4, 2), (tags["news"].Impressions, tags["news"].Clicks)); // both items carry news
        Assert.Equal((2, 1), (tags["sport"].Impressions, tags["sport"].Clicks));
        var channels = report.Dimensions["channel"].Rows.ToDictionary(r => r.Key);
        Assert.Equal((2, 1), (channels["web"].Impressions, channels["web"].Clicks)); // p1 and, the next day, p3
        Assert.Equal(30, channels["web"].Dwell!.Mean);
        Assert.Equal(2, report.Dimensions["format"].Rows.Single(r => r.Key == "article").Impressions); // item b: p2, then p3
        Assert.Equal(["s1"], report.Dimensions["segment"].Rows.Select(r => r.Key)); // people without a segment count under none
        Assert.Equal(["2026-01-31", "2026-02-01"], report.Dimensions["day"].Rows.Select(r => r.Key).Order());
        Assert.Equal(0, exclusion.ExcludedEvents);
        Assert.Equal(events.Count, report.Excluded.IncludedEvents);
    }

    [Fact]
    public void The_window_limits_kpis_but_not_traffic_judgement()
    {
        List<Interaction> events = [E("p1", "a", EventType.Impression, 0), E("p1", "a", EventType.Click, 1), E("p2", "b", EventType.Impression, 90)];
        var (report, _) = Computation().Run(events, new KpiWindow(T0.AddMinutes(30), null));
        Assert.Equal((1, 0), (report.Overall.Impressions, report.Overall.Clicks));
        Assert.Equal(3, report.EventsRead);
        Assert.Throws<ArgumentException>(() => Computation().Run(events, new KpiWindow(T0, T0)));
    }

    [Fact]
    public void The_key_bound_folds_late_keys_into_other_and_says_how_many_events()
    {
        var breakdown = new KpiBreakdown(KpiDimension.Item, maxKeys: 2);
        foreach (var item in new[] { "a", "b", "c", "a", "d" }) breakdown.Add(Event(EventType.Impression, item));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1, [KpiBreakdown.OtherKey] = 2 },
            breakdown.Tallies.ToDictionary(kv => kv.Key, kv => kv.Value.Impressions));
        Assert.Equal(2, breakdown.FoldedEvents);
    }

    [Fact]
    public void Planted_bots_are_all_flagged_no_human_is_and_kpis_equal_the_humans_alone()
    {
        var settings = new WorldSettings { Seed = 3, Users = 2_000, Items = 500 };
        var end = T0;
        var span = TimeSpan.FromDays(7);
        var humans = new BulkEventGenerator(settings, 200_000, end, span, interactionsOnly: false).Events().ToList();
        var planted = new PlantedBots(settings, 30, end, span);
        var all = PlantedBots.Merge(humans, planted.Events()).Select(e => e.ToInteraction(settings.Seed)).ToList();

        var (filtered, exclusion) = Computation().Run(all, KpiWindow.All);
        var (truth, _) = Computation().Run(humans.Select(e => e.ToInteraction(settings.Seed)).ToList(), KpiWindow.All);
        var unfiltered = new KpiAccumulator([]);
        foreach (var e in all) unfiltered.Add(e);

        Assert.Equal(planted.Bots.Select(b => b.Id).Order(), exclusion.Flags.Keys.Order());
        var reasons = planted.Bots.ToDictionary(b => b.Id, b => b.Kind switch
        {
            BotKind.Regular => FlagReason.RoboticRegularity,
            BotKind.HighRate => FlagReason.InhumanRate,
            _ => FlagReason.ClickStorm,
        });
        Assert.All(exclusion.Flags.Values, f => Assert.Equal(reasons[f.PersonId], f.Reason));
        Assert.Equal(all.Count - humans.Count, exclusion.ExcludedEvents);
        Assert.Equal((truth.Overall.Impressions, truth.Overall.Clicks), (filtered.Overall.Impressions, filtered.Overall.Clicks));
        var raw = unfiltered.Overall.Ctr(0.95)!;
        Assert.True(raw.Value > truth.Overall.Ctr!.High, $"bots raise CTR: {raw.Value} vs the humans' {truth.Overall.Ctr.High}");
    }
}
