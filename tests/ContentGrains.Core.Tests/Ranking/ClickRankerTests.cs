using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Ranking;

public sealed class ClickRankerTests
{
    private static readonly FeedSettings NoRerank = new() { DiversityWeight = 0, ExplorationSlots = 0 };

    /// <summary>A click model that believes the all-time CTR column alone, as a logistic model with one weight would.</summary>
    private sealed class CtrOnly : IClickScorer
    {
        public string Version => "click-0123456789ab";
        public int Rows { get; private set; }
        public float[] Score(float[] rows)
        {
            var column = ClickFeatures.IndexOf("ctr_all");
            Rows = rows.Length / ClickFeatures.Count;
            return Enumerable.Range(0, Rows).Select(r => rows[r * ClickFeatures.Count + column]).ToArray();
        }
    }

    private static RecentWindows Shown(int impressions, int clicks)
    {
        var windows = new RecentWindows();
        for (var i = 0; i < impressions; i++) windows.RecordImpression(Now.AddDays(-2));
        for (var i = 0; i < clicks; i++) windows.RecordClick(Now.AddDays(-2));
        return windows;
    }

    private static CatalogSnapshot Catalog() => Snapshot(
        Item("popular", 8) with { Windows = Shown(100, 1) },  // CTR (1 + 0.4) / 110 = 0.0127
        Item("middle", 3) with { Windows = Shown(100, 10) },  // (10 + 0.4) / 110 = 0.0945
        Item("quiet", 1) with { Windows = Shown(100, 30) },   // (30 + 0.4) / 110 = 0.2764
        Item("new"));                                          // prior 0.04

    [Fact]
    public void Without_a_click_model_the_weighted_ranking_stays_and_the_name_is_unchanged()
    {
        var feed = new FeedPipeline(NoRerank).Build(Catalog(), null, FeedUser.Anonymous("u"), Now, 4, null);

        Assert.Equal(["popular", "middle", "quiet", "new"], feed.Select(f => f.ItemId));
        Assert.Equal(FeedPipeline.HeuristicName, FeedPipeline.NameOf(null, null));
    }

    [Fact]
    public void A_click_model_orders_the_candidates_by_its_probability_and_names_itself()
    {
        var click = new CtrOnly();
        var feed = new FeedPipeline(NoRerank).Build(Catalog(), null, FeedUser.Anonymous("u"), Now, 4, null, click);

        Assert.Equal(["quiet", "middle", "new", "popular"], feed.Select(f => f.ItemId));
        Assert.Equal(30.4 / 110, feed[0].Score, 6);
        Assert.Equal(4, click.Rows); // one row per candidate, in one batch
        Assert.Equal("heuristic-v1+click-0123456789ab", FeedPipeline.NameOf(null, click));
    }

    /// <summary>
    /// Interests y 4; impressions x 10, y 1; prior 3: overall 4 / 11, lift y = (11 + 3) / (1 + 3) = 3.5, lift x = 3 / 13,
    /// an untagged item 1. The row carries ln(lift); a person with no impressions leaves it missing.
    /// </summary>
    [Fact]
    public void Each_row_carries_the_persons_log_lift_for_the_items_tags()
    {
        var catalog = Snapshot(Item("middle", 3, tags: ["y"]), Item("quiet", 1, tags: ["x"]), Item("new"));
        var response = TagResponse.From([new("y", 4)], new Dictionary<string, double> { ["x"] = 10, ["y"] = 1 }, priorImpressions: 3);
        var (known, unknown) = (new List<float[]>(), new List<float[]>());
        var ranked = Enumerable.Range(0, 3).Select(i => new ContentGrains.Core.Ranking.ScoredCandidate(i, 1 - i * 0.1, 0, 0, null, 0, 0)).ToList();

        ContentGrains.Core.Ranking.ClickRanker.Rank(ranked, catalog, new ClickPerson(0, null, new HashSet<string>()) { Response = response }, Now, "web", new RowSpy(known));
        ContentGrains.Core.Ranking.ClickRanker.Rank(ranked, catalog, new ClickPerson(0, null, new HashSet<string>()), Now, "web", new RowSpy(unknown));

        var (lift, missing) = (ClickFeatures.IndexOf("log_tag_lift"), ClickFeatures.IndexOf("log_tag_lift_missing"));
        Assert.Equal([(float)Math.Log(3.5), (float)Math.Log(3.0 / 13), 0f], known.Select(r => r[lift]));
        Assert.All(known, r => Assert.Equal(0f, r[missing]));
        Assert.All(unknown, r => Assert.Equal((0f, 1f), (r[lift], r[missing])));
    }

    [Fact]
    public void Items_shown_lately_without_engagement_go_behind_the_rest_with_or_without_a_click_model()
    {
        var user = FeedUser.Anonymous("u") with { RecentlyShown = new HashSet<string> { "quiet", "popular" } };

        var heuristic = new FeedPipeline(NoRerank).Build(Catalog(), null, user, Now, 4, null);
        var clicked = new FeedPipeline(NoRerank).Build(Catalog(), null, user, Now, 4, null, new CtrOnly());

        Assert.Equal(["middle", "new", "popular", "quiet"], heuristic.Select(f => f.ItemId));
        Assert.Equal(["middle", "new", "quiet", "popular"], clicked.Select(f => f.ItemId));
    }

    [Fact]
    public void Every_candidate_is_scored_at_the_fixed_slot()
    {
        var person = new ClickPerson(0, null, new HashSet<string>());
        var rows = new List<float[]>();
        var spy = new RowSpy(rows);
        var ranked = Enumerable.Range(0, 4).Select(i => new ContentGrains.Core.Ranking.ScoredCandidate(i, 1 - i * 0.1, 0, 0, null, 0, 0)).ToList();

        ContentGrains.Core.Ranking.ClickRanker.Rank(ranked, Catalog(), person, Now, "app", spy);

        Assert.All(rows, row => Assert.Equal(0f, row[ClickFeatures.IndexOf("log_slot")]));
        Assert.All(rows, row => Assert.Equal(1f, row[ClickFeatures.IndexOf("channel_app")]));
    }

    private sealed class RowSpy(List<float[]> rows) : IClickScorer
    {
        public string Version => "click-spy";
        public float[] Score(float[] all)
        {
            rows.AddRange(all.Chunk(ClickFeatures.Count));
            return new float[rows.Count];
        }
    }
}
