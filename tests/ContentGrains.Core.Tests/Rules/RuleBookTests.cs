using ContentGrains.Core.Candidates;
using ContentGrains.Core.Rules;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Tests.Feed;

namespace ContentGrains.Core.Tests.Rules;

public class RuleBookTests
{
    private static RuleView Rule(string[] whenRead, string then, double confidence, double lift = 2) =>
        new(whenRead, [then], 10, 0.1, confidence, lift);

    private static MinedRules Mined(params RuleView[] rules) =>
        new(new RuleMiningOptions(), "test", 100, 10, 1, 10, rules.Length, 0, rules);

    [Fact]
    public void Also_answers_one_items_rules_strongest_first()
    {
        var book = new RuleBook(Mined(Rule(["a"], "b", 0.4), Rule(["a"], "c", 0.7), Rule(["a", "b"], "d", 0.9), Rule(["x"], "a", 0.5)), 3);

        Assert.Equal(["c", "b"], book.Also("a", 10).Select(r => r.Then[0]));
        Assert.Equal(["c"], book.Also("a", 1).Select(r => r.Then[0]));
        Assert.Empty(book.Also("zzz", 10));
    }

    [Fact]
    public void Consequents_come_from_recent_items_and_their_pairs()
    {
        var book = new RuleBook(Mined(Rule(["a"], "b", 0.4), Rule(["a", "e"], "d", 0.9), Rule(["old"], "z", 0.9)), 1);

        var found = book.Consequents(["e", "a", "old"], recentItems: 2, perAntecedent: 5).Select(c => (c.ItemId, c.BecauseOf)).ToList();

        // "old" is the third most recent: outside the two recent items, so z is not offered.
        Assert.Equal([("d", "e"), ("b", "a")], found);
    }

    [Fact]
    public void Serving_keeps_single_consequents_and_the_strongest_per_antecedent()
    {
        var mined = Mined(Rule(["a"], "b", 0.9), Rule(["a"], "c", 0.8), Rule(["a"], "d", 0.7), new RuleView(["a"], ["b", "c"], 5, 0.05, 0.6, 3));

        var served = mined.ForServing(perAntecedent: 2);

        Assert.Equal(["b", "c"], served.Rules.Select(r => r.Then.Single()));
        Assert.Equal(served.Rules.Count, MinedRules.FromJson(served.ToJsonBytes()).Rules.Count);
    }

    [Fact]
    public void The_rule_source_adds_consequents_that_are_in_the_catalog_with_their_reason()
    {
        var catalog = TwoClusters.Catalog();
        var book = new RuleBook(Mined(Rule(["a"], "c", 0.5), Rule(["a"], "not-in-catalog", 0.9)), 1);
        var pool = new CandidatePool(catalog, new HashSet<string>(["a"]), null);

        RuleCandidates.Collect(book, catalog, ["a"], recentItems: 5, perAntecedent: 10, pool);

        var entry = Assert.Single(pool.Entries);
        Assert.Equal("c", catalog.Entries[entry].ItemId);
        Assert.Equal("a", pool.BroughtBy(entry));
    }

    [Fact]
    public void With_the_other_sources_off_the_feed_is_the_rule_consequents_of_recent_items()
    {
        var catalog = TwoClusters.Catalog();
        var book = new RuleBook(Mined(Rule(["a"], "e", 0.5), Rule(["a"], "c", 0.6), Rule(["b"], "f", 0.9)), 1);
        var settings = new FeedSettings { PopularCandidates = 0, FreshCandidates = 0, CandidatesPerTag = 0, ExplorationSlots = 0 };
        var user = new FeedUser("ann", [], new HashSet<string>(["a"]), ["a"]);

        var feed = new FeedPipeline(settings).Build(catalog, null, user, FeedCatalog.Now, 10, null, rules: book);
        var without = new FeedPipeline(settings).Build(catalog, null, user, FeedCatalog.Now, 10, null);

        Assert.Equal(["c", "e"], feed.Select(i => i.ItemId).Order());
        Assert.Empty(without);
    }
}
