using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Tests.Catalog;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// A person with no engagement yet ranked by the crowd (<see cref="FeedSettings.NewcomersByCrowd"/>). The a items are
/// the most clicked (popularity 8 against 2) but rarely taken when shown (4 of 100 each); the b items are taken 6 of 20.
/// Overall 40 / 480; tag a's rate 0.044815, b's 0.216667; an a item's lift 0.4896, a b item's 3.1. Weighted: a = 0.5 × 1
/// + 2 × (0.4896 − 1) / (0.4896 + 1) = −0.185, b = 0.5 × log 3 / log 9 + 2 × 2.1 / 4.1 = 1.274.
/// </summary>
public sealed class NewcomerFeedTests
{
    private static readonly FeedSettings NoRerank = new() { DiversityWeight = 0, ExplorationSlots = 0 };
    private static readonly FeedSettings CrowdOff = NoRerank with { NewcomersByCrowd = false };

    private static CatalogSnapshot Catalog() => Snapshot(
    [
        .. Enumerable.Range(0, 4).Select(i => Item($"a{i}", 8, tags: ["a"]) with { Windows = CrowdResponseTests.Shown(100, 4) }),
        .. Enumerable.Range(0, 4).Select(i => Item($"b{i}", 2, tags: ["b"]) with { Windows = CrowdResponseTests.Shown(20, 6) }),
    ]);

    private static FeedUser Engaged() => new("u", [], new HashSet<string> { "z" }, ["z"]);

    private static IReadOnlyList<RankedItem> Feed(FeedSettings settings, FeedUser user, IClickScorer? click = null) =>
        new FeedPipeline(settings).Build(Catalog(), null, user, Now, 4, null, click);

    private static string Tags(IEnumerable<RankedItem> feed) => string.Concat(feed.Select(f => f.ItemId[0]));

    [Fact]
    public void A_newcomer_gets_what_the_crowd_takes_when_shown_not_what_is_clicked_most()
    {
        var feed = Feed(NoRerank, FeedUser.Anonymous("u"));

        Assert.Equal("bbbb", Tags(feed));
        Assert.Equal(0.5 * Math.Log(3) / Math.Log(9) + 2 * (3.1 - 1) / (3.1 + 1), feed[0].Score, 6);
        Assert.All(feed, f => Assert.Equal(Reasons.PopularWithNewcomers, f.Reason));
        Assert.Equal("aaaa", Tags(Feed(CrowdOff, FeedUser.Anonymous("u"))));
    }

    [Fact]
    public void Someone_who_engaged_is_ranked_as_before()
    {
        Assert.Equal("aaaa", Tags(Feed(NoRerank, Engaged())));
        Assert.True(new FeedPipeline(NoRerank).RanksByClick(Engaged()));
    }

    [Fact]
    public void A_tag_the_newcomer_passed_over_goes_back_behind_the_crowds_second_choice()
    {
        // b shown 27 times, never taken: their own lift 3 / (27 + 3) = 0.1, times the crowd's 3.1 = 0.31 < a's 1 × 0.4896.
        var passedOver = FeedUser.Anonymous("u") with
        {
            Response = TagResponse.From([], new Dictionary<string, double> { ["b"] = 27 }, priorImpressions: 3),
        };

        Assert.Equal("aaaa", Tags(Feed(NoRerank, passedOver)));
    }

    [Fact]
    public void A_click_model_ranks_people_who_engaged_and_not_newcomers()
    {
        var (newcomerRows, engagedRows) = (new RowCount(), new RowCount());

        var newcomer = Feed(NoRerank, FeedUser.Anonymous("u"), newcomerRows);
        Feed(NoRerank, Engaged(), engagedRows);
        Feed(CrowdOff, FeedUser.Anonymous("u"), newcomerRows);

        Assert.Equal("bbbb", Tags(newcomer));
        Assert.False(new FeedPipeline(NoRerank).RanksByClick(FeedUser.Anonymous("u")));
        Assert.True(new FeedPipeline(CrowdOff).RanksByClick(FeedUser.Anonymous("u")));
        Assert.Equal(8, engagedRows.Rows);  // every candidate scored
        Assert.Equal(8, newcomerRows.Rows); // only the run with the crowd off
    }

    [Fact]
    public void The_crowds_best_tags_bring_a_newcomers_candidates_in_place_of_interests()
    {
        var onlyTags = NoRerank with { PopularCandidates = 0, FreshCandidates = 0, TopInterestTags = 1, CandidatesPerTag = 2 };

        var feed = Feed(onlyTags, FeedUser.Anonymous("u"));

        Assert.Equal(["b0", "b1"], feed.Select(f => f.ItemId).Order());
        Assert.Empty(Feed(onlyTags with { NewcomersByCrowd = false }, FeedUser.Anonymous("u")));
    }

    private sealed class RowCount : IClickScorer
    {
        public string Version => "click-rows";
        public int Rows { get; private set; }
        public float[] Score(float[] rows)
        {
            Rows += rows.Length / ClickFeatures.Count;
            return new float[rows.Length / ClickFeatures.Count];
        }
    }
}
