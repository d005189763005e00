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
