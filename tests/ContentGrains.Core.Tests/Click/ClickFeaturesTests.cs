using ContentGrains.Core.Click;

namespace ContentGrains.Core.Tests.Click;

public sealed class ClickFeaturesTests
{
    private static float At(float[] row, string name) => row[ClickFeatures.IndexOf(name)];

    [Fact]
    public void Names_are_unique_and_give_the_row_length()
    {
        Assert.Equal(ClickFeatures.Names.Count, ClickFeatures.Names.Distinct().Count());
        Assert.Equal(ClickFeatures.Count, ClickFeatures.Row(new ClickSignals()).Length);
        Assert.Throws<ArgumentException>(() => ClickFeatures.IndexOf("no such feature"));
    }

    [Fact]
    public void Known_signals_are_written_with_log1p_for_counts_and_smoothed_ctr()
    {
        var windows = new WindowCount[] { new(1, 0), new(3, 1), new(6, 2), new(10, 2) };
        var row = ClickFeatures.Row(new ClickSignals
        {
            EmbeddingScore = 0.7f, Age = TimeSpan.FromHours(3), ItemWindows = windows, EarlierClicks = 9,
            Channel = "web", HourOfDay = 6, Slot = 3, UserHistoryLength = 7, SinceUserLastSeen = TimeSpan.FromHours(1), TagMatch = 0.5f,
        });

        Assert.Equal(0.7f, At(row, "embedding_score"));
        Assert.Equal(0f, At(row, "embedding_score_missing"));
        Assert.Equal((float)Math.Log(4), At(row, "log_age_hours"), 6);
        Assert.Equal((float)Math.Log(11), At(row, "log_impressions_all"), 6);
        Assert.Equal((float)Math.Log(3), At(row, "log_clicks_all"), 6);
        // (2 + 10 · 0.04) / (10 + 10)
        Assert.Equal(0.12f, At(row, "ctr_all"), 6);
        Assert.Equal((float)Math.Log(2), At(row, "log_clicks_6h"), 6);
        Assert.Equal((float)Math.Log(10), At(row, "log_earlier_clicks"), 6);
        Assert.Equal(1f, At(row, "hour_sin"), 6); // 6 o'clock is a quarter of the day
        Assert.Equal(0f, At(row, "hour_cos"), 6);
        Assert.Equal(1f, At(row, "channel_web"));
        Assert.Equal(0f, At(row, "channel_other"));
        Assert.Equal((float)Math.Log(4), At(row, "log_slot"), 6);
        Assert.Equal((float)Math.Log(8), At(row, "log_user_history"), 6);
        Assert.Equal((float)Math.Log(2), At(row, "log_hours_since_user_seen"), 6);
        Assert.Equal(0.5f, At(row, "tag_match"));
        Assert.Equal(0f, At(row, "tag_match_missing"));
    }

    [Fact]
    public void Unavailable_signals_are_zero_with_a_missing_indicator_and_no_counters_mean_the_prior_ctr()
    {
        var row = ClickFeatures.Row(new ClickSignals());

        foreach (var name in new[] { "embedding_score", "text_similarity", "co_click", "log_age_hours", "log_earlier_clicks", "log_slot", "log_hours_since_user_seen", "tag_match" })
        {
            Assert.Equal(0f, At(row, name));
            Assert.Equal(1f, At(row, name + "_missing"));
        }
        Assert.Equal((float)ClickFeatures.CtrPrior, At(row, "ctr_1h"), 6);
        Assert.Equal(0f, At(row, "log_impressions_all"));
        Assert.All(ClickFeatures.Channels.Append("other"), c => Assert.Equal(0f, At(row, "channel_" + c)));
    }

    [Fact]
    public void An_unknown_channel_counts_as_other()
    {
        var row = ClickFeatures.Row(new ClickSignals { Channel = "billboard" });
        Assert.Equal(1f, At(row, "channel_other"));
        Assert.Equal(1f, At(ClickFeatures.Row(new ClickSignals { Channel = "EMAIL" }), "channel_email"));
    }

    [Fact]
    public void Bad_input_is_refused_naming_what_is_wrong()
    {
        var wrongWindows = Assert.Throws<ArgumentException>(() => ClickFeatures.Row(new ClickSignals { ItemWindows = [new WindowCount(1, 0)] }));
        Assert.Contains("ItemWindows", wrongWindows.Message);
        var shortRow = Assert.Throws<ArgumentException>(() => ClickFeatures.Write(new ClickSignals(), new float[3]));
        Assert.Contains($"{ClickFeatures.Count} values", shortRow.Message);
    }
}
