using ContentGrains.Core.Click;
using ContentGrains.Core.Feed;

namespace ContentGrains.Core.Tests.Click;

public sealed class WeightedRowScorerTests
{
    private static ClickImpression Feed(params ClickSignals[] candidates) => new("f", DateTimeOffset.UnixEpoch,
        candidates.SelectMany(ClickFeatures.Row).ToArray(), new float[candidates.Length]);

    [Fact]
    public void Rows_are_scored_with_the_weighted_rankings_parts_and_weights_without_a_model()
    {
        // Default weights without a model: interest 1, popularity 0.5, freshness 0.3, response 2; freshness half-life 3 days.
        var taken = new ClickSignals
        {
            TagMatch = 0.5f, ItemWindows = [new(9, 1), new(9, 2), new(9, 3), new(9, 3)], Age = TimeSpan.FromDays(3),
            TagLift = (float)Math.Log(3),
        };
        var unknown = new ClickSignals { Age = TimeSpan.Zero };
        var feed = Feed(taken, unknown);

        var scores = WeightedRowScorer.For(new FeedSettings(), [feed]).Score(feed.Rows);

        // taken: 1 × 0.5 (tag match) + 0.5 × 1 (the most clicks) + 0.3 × 0.5 (one half-life) + 2 × (3 − 1) / (3 + 1) = 2.15.
        // unknown: no tag match, no clicks, no lift; brand new, so only freshness: 0.3 × 1.
        Assert.Equal(2.15f, scores[0], 5);
        Assert.Equal(0.3f, scores[1], 5);
    }

    [Fact]
    public void An_embedding_score_adds_the_model_part_at_the_weights_that_served_the_row()
    {
        // Model part: the embedding score ÷ the largest |score| among the rows scored together (2). A row with a tag lift
        // (impressions logged) weighs model 0.5, interest 1; one without weighs model 2, interest 0.25. All brand new
        // (freshness 0.3 × 1), never clicked (popularity 0), lift 1 (response 0).
        var modelPick = new ClickSignals { EmbeddingScore = 2, Age = TimeSpan.Zero, TagLift = 0 };
        var interestPick = new ClickSignals { EmbeddingScore = -1, TagMatch = 1, Age = TimeSpan.Zero, TagLift = 0 };
        var notLogged = new ClickSignals { EmbeddingScore = 2, TagMatch = 1, Age = TimeSpan.Zero };
        var noModel = new ClickSignals { TagMatch = 1, Age = TimeSpan.Zero, TagLift = 0 };
        var feed = Feed(modelPick, interestPick, notLogged, noModel);

        var scores = WeightedRowScorer.For(new FeedSettings(), [feed]).Score(feed.Rows);

        Assert.Equal(0.8f, scores[0], 5);   // 0.5 · 1 + 0.3
        Assert.Equal(1.05f, scores[1], 5);  // 0.5 · −0.5 + 1 · 1 + 0.3
        Assert.Equal(2.55f, scores[2], 5);  // 2 · 1 + 0.25 · 1 + 0.3
        Assert.Equal(1.3f, scores[3], 5);   // no model: 1 · 1 + 0.3
    }

    [Fact]
    public void Popularity_is_scaled_by_the_most_clicked_item_of_all_the_impressions_it_was_made_for()
    {
        var one = new ClickSignals { ItemWindows = [default, default, default, new(10, 1)] };
        var three = new ClickSignals { ItemWindows = [default, default, default, new(10, 3)] };
        var settings = new FeedSettings { FreshnessWeight = 0, InterestWeightWithoutModel = 0, ResponseWeight = 0, PopularityWeightWithoutModel = 1 };
        var small = Feed(one);

        var scorer = WeightedRowScorer.For(settings, [small, Feed(three)]);

        // log(2) / log(4) = 0.5: scored against the impressions' most-clicked item, not the feed's own.
        Assert.Equal(0.5f, scorer.Score(small.Rows)[0], 5);
        Assert.Equal("heuristic-v1", scorer.Version);
    }
}
