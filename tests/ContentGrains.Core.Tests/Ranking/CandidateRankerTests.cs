using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Tests.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Ranking;

public class CandidateRankerTests
{
    [Fact]
    public void Each_part_and_the_weighted_sum_by_hand()
    {
        // TwoClusters with f published 72 h ago (one freshness half-life). Candidates b, c, n, f; history [a] scores b 2/√6,
        // c 1/2, f 0 (n unknown) → model part b 1, c 0.612372, f 0, n 0. Interests comedy 4, action −2 (max 4).
        // Popularity part ln(1 + p) / ln 9: b 0.815465, c 0.5, n 0.732487, f 0.
        var (catalog, pool, modelScores) = TwoClustersPool();

        var ranked = new CandidateRanker(new FeedSettings { InterestWeight = 1, PopularityWeight = 0.5 }).Rank(pool, catalog, modelScores, Interests(("comedy", 4), ("action", -2)), Now);

        Assert.Equal(
            [
                ("b", 2.907732, 1.0, 0.5, "comedy", 0.815465, 0.0),        // 2 · 1 + 0.5 + 0.5 · 0.815465
                ("c", 1.974745, 0.612372, 0.5, "comedy", 0.5, 0.0),       // 2 · 0.612372 + 0.5 + 0.5 · 0.5
                ("n", 0.866243, 0.0, 0.5, "comedy", 0.732487, 0.0),       // 0.5 + 0.5 · 0.732487
                ("f", -0.1, 0.0, -0.25, (string?)null, 0.0, 0.5),         // −2 / 4 / 2 + 0.3 · 0.5
            ],
            ranked.Select(c => (catalog.Entries[c.Entry].ItemId, R(c.Score), R(c.Model), R(c.Interest), c.InterestTag, R(c.Popularity), R(c.Freshness))));
    }

    [Fact]
    public void With_a_model_a_person_whose_impressions_are_logged_keeps_the_model_less_interest_and_popularity_and_the_model_weighs_half()
    {
        // The first test's pool and parts under default weights. Logged: a person shown an unrelated tag who took nothing
        // (every candidate's response part is 0), so interest is the mean over the item's tags: b 4 / 4 = 1 (one tag), c and n
        // 4 / 4 / 2 = 0.5 (two tags), f −2 / 4 / 2 = −0.25.
        var (catalog, pool, modelScores) = TwoClustersPool();
        var interests = Interests(("comedy", 4), ("action", -2));
        var logged = TagResponse.From([], new Dictionary<string, double> { ["elsewhere"] = 3 }, priorImpressions: 3);
        var ranker = new CandidateRanker(new FeedSettings());

        var without = ranker.Rank(pool, catalog, modelScores, interests, Now).Select(Scored).ToList();
        var with = ranker.Rank(pool, catalog, modelScores, interests, Now, logged).Select(Scored).ToList();

        Assert.True(logged.Known);
        Assert.Equal(
            [
                ("b", 2.328866), // 2 · 1 + 0.25 · 0.5 + 0.25 · 0.815465
                ("c", 1.474745), // 2 · 0.612372 + 0.25 · 0.5 + 0.25 · 0.5
                ("n", 0.308122), // 0.25 · 0.5 + 0.25 · 0.732487
                ("f", 0.0875),   // 0.25 · −0.25 + 0.3 · 0.5
            ], without);
        Assert.Equal(
            [
                ("b", 1.907732), // 0.5 · 1 + 1 · 1 + 0.5 · 0.815465
                ("c", 1.056186), // 0.5 · 0.612372 + 1 · 0.5 + 0.5 · 0.5
                ("n", 0.866243), // 1 · 0.5 + 0.5 · 0.732487
                ("f", -0.1),     // 1 · −0.25 + 0.3 · 0.5
            ], with);

        (string, double) Scored(ScoredCandidate c) => (catalog.Entries[c.Entry].ItemId, R(c.Score));
    }

    [Fact]
    public void Without_a_model_or_popularity_those_parts_are_zero()
    {
        var catalog = Snapshot(Item("a"), Item("b"));
        var pool = new CandidatePool(catalog, new HashSet<string>(), null);
        pool.Add(0);
        pool.Add(1);

        var ranked = new CandidateRanker(new FeedSettings { InterestWeight = 1, PopularityWeight = 0.5 }).Rank(pool, catalog, null, [], Now);

        Assert.All(ranked, c => Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (c.Score, c.Model, c.Interest, c.Popularity, c.Freshness)));
        Assert.Equal([0, 1], ranked.Select(c => c.Entry));
    }

    /// <summary>TwoClusters with f published 72 h ago; candidates b, c, n, f scored by the model from the history [a].</summary>
    private static (CatalogSnapshot Catalog, CandidatePool Pool, ModelScores Scores) TwoClustersPool()
    {
        var catalog = Snapshot([.. TwoClusters.Entries().Select(e => e.ItemId == "f" ? e with { PublishedAt = Now.AddHours(-72) } : e)]);
        var model = TwoClusters.Model();
        var pool = new CandidatePool(catalog, new HashSet<string>(), null);
        foreach (var entry in new[] { 1, 2, 6, 5 }) pool.Add(entry);
        var scores = new float[6];
        model.Scorer.ScoreHistory([0], scores);
        return (catalog, pool, ModelScores.Dense(scores, model.LinkTo(catalog)));
    }

    private static double R(double value) => Math.Round(value, 6);
}
