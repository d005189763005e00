using ContentGrains.Core.Click;
using ContentGrains.Core.Registry;

namespace ContentGrains.Core.Tests.Registry;

/// <summary>
/// The click gate judges a model's ranking on the rows as the live feed scores them: every candidate at the scoring slot,
/// since the feed ranks before it knows where an item will go. Logged rows carry the slot shown, and clicks follow the slot.
/// </summary>
public sealed class ClickGateAtScoringSlotTests
{
    private static readonly int LogSlot = ClickFeatures.IndexOf("log_slot");

    /// <summary>Feeds of 10 shown in slot order, each clicked at slot 0 only; the items are otherwise alike.</summary>
    private static List<ClickImpression> FeedsClickedOnTop(int count) => Enumerable.Range(0, count).Select(f => new ClickImpression(
        $"f{f}", DateTimeOffset.UnixEpoch.AddMinutes(f),
        Enumerable.Range(0, 10).SelectMany(slot => ClickFeatures.Row(new ClickSignals { Slot = slot, TagMatch = 0.5f })).ToArray(),
        Enumerable.Range(0, 10).Select(slot => slot == 0 ? 1f : 0f).ToArray())).ToList();

    /// <summary>Knows nothing but position: the higher the slot, the less likely a click.</summary>
    private sealed class PositionOnly : IClickScorer
    {
        public string Version => "position";

        public float[] Score(float[] rows) =>
            Enumerable.Range(0, rows.Length / ClickFeatures.Count).Select(r => 0.5f / (1 + rows[r * ClickFeatures.Count + LogSlot])).ToArray();
    }

    [Fact]
    public void A_model_that_knows_only_the_slot_shown_ranks_no_better_than_chance()
    {
        var feeds = FeedsClickedOnTop(40);

        var metrics = ClickTrainingRun.Evaluate(new PositionOnly(), feeds);

        // On the logged slots it would read AUC 1 on every feed; at the scoring slot every row ties.
        Assert.Equal(40, metrics.HeldOutUsers);
        Assert.Equal(0.5, metrics.GroupAuc!.Value, 6);
        Assert.Equal(0.5, metrics.Auc!.Value, 6);
        // Log-loss reads the logged slots: a probability is meant for the slot it was shown at.
        var logged = feeds.Sum(f => ClickMetrics.LogLossSum(new PositionOnly().Score(f.Rows), f.Labels)) / (40 * 10);
        Assert.Equal(logged, metrics.LogLoss!.Value, 6);
    }

    [Fact]
    public void At_the_scoring_slot_only_the_slot_columns_change_and_the_logged_rows_stay()
    {
        var feeds = FeedsClickedOnTop(1);
        var logged = (float[])feeds[0].Rows.Clone();

        var asServed = ClickRows.AtScoringSlot(feeds)[0];

        var expected = ClickFeatures.Row(new ClickSignals { Slot = ClickRowBuilder.ScoringSlot, TagMatch = 0.5f });
        for (var slot = 0; slot < 10; slot++)
            Assert.Equal(expected, asServed.Rows.AsSpan(slot * ClickFeatures.Count, ClickFeatures.Count).ToArray());
        Assert.Equal(logged, feeds[0].Rows);
        Assert.Equal(feeds[0].Labels, asServed.Labels);
    }
}
