using ContentGrains.Core.Sentiment;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Sentiment;

public class SentimentSeriesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly NegativeSpikeDetector Detector = new();

    [Fact]
    public void Comments_count_into_their_utc_day_windows_in_order()
    {
        var series = new SentimentSeries(TimeSpan.FromDays(1), 10);
        var changed = series.Add([
            new ScoredComment(Day0.AddHours(25), 0.9), new ScoredComment(Day0.AddHours(1), 0.2),
            new ScoredComment(new DateTimeOffset(2026, 10, 1, 23, 30, 0, TimeSpan.FromHours(-2)), 0.5), // 01:30 UTC on the 2nd
            new ScoredComment(Day0.AddHours(23), 0.49),
        ]);

        Assert.Equal([new WindowChange(Day0, 0), new WindowChange(Day0.AddDays(1), 0)], changed);
        Assert.Equal([new SentimentWindow(Day0, 0, 2), new SentimentWindow(Day0.AddDays(1), 2, 0)], series.Windows);
        Assert.Equal(Day0.AddHours(6), new SentimentSeries(TimeSpan.FromHours(6), 2).WindowStart(Day0.AddHours(11.9)));
    }

    [Fact]
    public void The_oldest_windows_go_past_the_capacity_and_a_comment_older_than_all_kept_is_ignored()
    {
        var series = new SentimentSeries(TimeSpan.FromDays(1), 3);
        series.Add(Enumerable.Range(0, 5).Select(d => new ScoredComment(Day0.AddDays(d), 1)));
        Assert.Equal([Day0.AddDays(2), Day0.AddDays(3), Day0.AddDays(4)], series.Windows.Select(w => w.Start));

        var changed = series.Add([new ScoredComment(Day0, 0)]);
        Assert.Empty(changed);
        Assert.Equal(3, series.Windows.Sum(w => w.Total));
    }

    [Fact]
    public void A_window_alerts_once_even_when_more_bad_comments_follow()
    {
        var series = new SentimentSeries(TimeSpan.FromDays(1), 90);
        for (var d = 0; d < 20; d++) Assert.Empty(series.Check("item:a", Detector, series.Add(Comments(Day0.AddDays(d), positive: 9, negative: 1))));

        var spike = Day0.AddDays(20);
        var first = series.Check("item:a", Detector, series.Add(Comments(spike, positive: 2, negative: 8)));
        var again = series.Check("item:a", Detector, series.Add(Comments(spike, positive: 0, negative: 5)));

        var alert = Assert.Single(first);
        Assert.Equal(("item:a", spike, 8, 10), (alert.Key, alert.WindowStart, alert.Negative, alert.Total));
        Assert.Equal(21.0 / 202, alert.UsualShare, 12); // Beta(1 + 20, 1 + 180)
        Assert.Empty(again);
        Assert.Equal([spike], series.Alerted);
    }

    [Fact]
    public void A_window_is_due_for_a_check_at_10_20_40_comments_and_when_a_later_window_closes_it()
    {
        Assert.Equal([true, false, true, false, true, true], new[] { (0, 10), (10, 19), (19, 20), (5, 9), (30, 45), (0, 80) }
            .Select(c => SentimentSeries.ReachedCheckpoint(c.Item1, c.Item2, 10)));

        var series = new SentimentSeries(TimeSpan.FromDays(1), 90);
        series.Add(Comments(Day0, positive: 3, negative: 0));
        var changes = series.Add([new ScoredComment(Day0.AddHours(30), 0.9), new ScoredComment(Day0.AddHours(31), 0.9)]);
        Assert.Equal([new WindowChange(Day0, -1, Closed: true), new WindowChange(Day0.AddDays(1), 0)], changes);
    }

    [Fact]
    public void Every_planted_spike_of_the_simulator_is_caught_in_its_window_comment_by_comment()
    {
        var planted = new PlantedSentimentSpikes(Seed: 3, CommentedItems: 40, Spikes: 40, Days: 30, End: Day0.AddDays(30), Users: 500);
        var alerts = Replay(planted);

        foreach (var spike in planted.Planted())
            Assert.Contains(alerts, a => a.Key == spike.ItemId && a.WindowStart == spike.Day);
        // The other 1,160 windows are spike-free; at the detector's tail probability 1e-4 and a few looks per window a false
        // alarm is possible: this seed has one (item i5 on its 7th day, 17 negative of 36 where its history says 16%).
        var spikes = planted.Planted().Select(s => (s.ItemId, s.Day)).ToHashSet();
        Assert.InRange(alerts.Count(a => !spikes.Contains((a.Key, a.WindowStart))), 0, 1);
    }

    [Fact]
    public void A_spike_free_month_of_the_simulator_raises_no_alert_comment_by_comment()
    {
        var planted = new PlantedSentimentSpikes(Seed: 4, CommentedItems: 100, Spikes: 0, Days: 30, End: Day0.AddDays(30), Users: 500);

        Assert.Empty(Replay(planted));
    }

    /// <summary>Each item's comments one at a time through its series, as the truth labels them (the classifier left out).</summary>
    private static List<SentimentAlert> Replay(PlantedSentimentSpikes planted)
    {
        var series = new Dictionary<string, SentimentSeries>();
        var alerts = new List<SentimentAlert>();
        foreach (var c in planted.Comments())
        {
            var key = SimIds.Item(c.Item);
            if (!series.TryGetValue(key, out var s)) series[key] = s = new SentimentSeries(TimeSpan.FromDays(1), 90);
            alerts.AddRange(s.Check(key, Detector, s.Add([new ScoredComment(c.At, c.Negative ? 0 : 1)])));
        }
        return alerts;
    }

    private static IEnumerable<ScoredComment> Comments(DateTimeOffset day, int positive, int negative) =>
        Enumerable.Range(0, positive + negative).Select(i => new ScoredComment(day.AddMinutes(i), i < positive ? 0.8 : 0.1));
}
