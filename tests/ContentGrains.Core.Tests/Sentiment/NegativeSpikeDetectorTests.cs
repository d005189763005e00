using ContentGrains.Core.Sentiment;

namespace ContentGrains.Core.Tests.Sentiment;

public class NegativeSpikeDetectorTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly NegativeSpikeDetector Detector = new();

    [Fact]
    public void Log_gamma_and_the_beta_binomial_tail_match_hand_values()
    {
        Assert.Equal(Math.Log(24), NegativeSpikeDetector.LogGamma(5), 12); // Γ(5) = 4!
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), NegativeSpikeDetector.LogGamma(0.5), 12);
        // Beta(1, 1) makes X uniform on 0..n: P(X ≥ 3 | n = 4) = 2/5.
        Assert.Equal(0.4, NegativeSpikeDetector.BetaBinomialTail(3, 4, 1, 1), 12);
        Assert.Equal(1.0, NegativeSpikeDetector.BetaBinomialTail(0, 7, 2.5, 3), 12);
    }

    [Fact]
    public void A_spike_free_month_of_simulated_comments_raises_no_alert()
    {
        var random = new Random(11);
        var alerts = 0;
        for (var item = 0; item < 100; item++)
        {
            var share = 0.05 + 0.3 * random.NextDouble(); // each item's own usual negative share
            var volume = 5 + random.Next(40);               // comments per day
            alerts += Month(random, share, volume, spikeDay: null, spikeShare: 0).Alerts.Count;
        }
        Assert.Equal(0, alerts);
    }

    [Fact]
    public void Every_planted_spike_is_caught_in_its_window()
    {
        var random = new Random(12);
        for (var item = 0; item < 200; item++)
        {
            var share = 0.05 + 0.2 * random.NextDouble();
            var volume = 40 + random.Next(40);
            var spikeDay = 10 + random.Next(20);
            var (alerts, _) = Month(random, share, volume, spikeDay, spikeShare: share + 0.5);
            Assert.Contains(alerts, a => a.WindowStart == Day0.AddDays(spikeDay));
        }
    }

    [Fact]
    public void Small_counts_do_not_alert()
    {
        var history = Enumerable.Range(0, 20).Select(d => new SentimentWindow(Day0.AddDays(d), 9, 1)).ToList();

        Assert.Null(Detector.Check("x", history, new SentimentWindow(Day0.AddDays(20), 0, 9))); // 9 of 9 negative, under MinCount
        Assert.NotNull(Detector.Check("x", history, new SentimentWindow(Day0.AddDays(20), 2, 8)));
        Assert.Null(Detector.Check("x", history.Take(2).ToList(), new SentimentWindow(Day0.AddDays(2), 2, 8))); // 20 comments of history, under MinHistory
    }

    /// <summary>30 daily windows of binomial comments; the detector runs on each against the windows before it.</summary>
    private static (List<SentimentAlert> Alerts, List<SentimentWindow> Windows) Month(Random random, double share, int volume, int? spikeDay, double spikeShare)
    {
        var windows = new List<SentimentWindow>();
        var alerts = new List<SentimentAlert>();
        for (var day = 0; day < 30; day++)
        {
            var p = day == spikeDay ? spikeShare : share;
            var n = volume + random.Next(-volume / 3, volume / 3 + 1);
            var negative = Enumerable.Range(0, n).Count(_ => random.NextDouble() < p);
            var window = new SentimentWindow(Day0.AddDays(day), n - negative, negative);
            if (Detector.Check("item", windows, window) is { } alert) alerts.Add(alert);
            windows.Add(window);
        }
        return (alerts, windows);
    }
}
