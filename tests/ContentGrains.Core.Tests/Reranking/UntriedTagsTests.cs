using ContentGrains.Core.Catalog;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Reranking;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Reranking;

/// <summary>
/// e0 [a], e1 [a], e2 [b], e3 [c], e4 [d], e5 [d, a], e6 [e], e7 untagged, e8 [c]; the person was shown a 3 times and
/// b twice (and took neither), so c, d and e are untried. Ranked e0, e1, e2, e5, e4, e3, e8, e7, e6; the feed of five is
/// the first five.
/// </summary>
public class UntriedTagsTests
{
    private static readonly CatalogSnapshot Catalog = Snapshot(
        Item("e0", tags: ["a"]), Item("e1", tags: ["a"]), Item("e2", tags: ["b"]), Item("e3", tags: ["c"]), Item("e4", tags: ["d"]),
        Item("e5", tags: ["d", "a"]), Item("e6", tags: ["e"]), Item("e7", tags: []), Item("e8", tags: ["c"]));

    private static readonly TagResponse ShownAAndB = TagResponse.From([], new Dictionary<string, double> { ["a"] = 3, ["b"] = 2 }, 3);

    private static readonly List<ScoredCandidate> Ranked = [.. new[] { 0, 1, 2, 5, 4, 3, 8, 7, 6 }.Select((entry, place) => Candidate(entry, 9 - place))];

    private static ScoredCandidate Candidate(int entry, double score) => new(entry, score, 0, 0, null, 0, 0);

    private static string[] Feed(double share, int engaged = 0, TagResponse? response = null) =>
        UntriedTags.Mix(Ranked.Take(5).ToList(), Ranked, Catalog, response ?? ShownAAndB, engaged, lightHistory: 3, share)
            .Select(c => Catalog.Entries[c.Entry].ItemId).ToArray();

    [Fact]
    public void The_share_counts_untried_items_already_in_the_feed_and_the_pick_takes_the_lowest_place_of_a_tried_tag()
    {
        // 0.4 of 5 = 2 slots; e4 [d] is untried and already in, so one pick: e3 [c] (the best untried one left), in e5's place.
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], Feed(share: 0.4));
    }

    [Fact]
    public void One_item_per_untried_tag_and_the_best_pick_in_the_highest_place_given_up()
    {
        // 0.6 of 5 = 3 slots, two picks: e3 [c]; e8 [c] skipped (c covered), e7 skipped (no tags), e6 [e].
        // Places given up: e2's (2) and e5's (3); e3, the better pick, takes 2.
        Assert.Equal(["e0", "e1", "e3", "e6", "e4"], Feed(share: 0.6));
    }

    [Fact]
    public void Tags_shown_before_are_never_explored_again()
    {
        var feed = Feed(share: 1);

        // 5 slots, but only c, d and e are untried (e4 in the feed, picks e3 and e6): a and b items stay only where no pick was left.
        Assert.Equal(["e0", "e1", "e3", "e6", "e4"], feed);
        Assert.DoesNotContain("e5", feed);
    }

    [Fact]
    public void Nothing_changes_for_a_person_past_the_light_history_or_with_share_0()
    {
        string[] asRanked = ["e0", "e1", "e2", "e5", "e4"];
        Assert.Equal(asRanked, Feed(share: 0.6, engaged: 3));
        Assert.Equal(asRanked, Feed(share: 0));
        Assert.Equal(asRanked, Feed(share: 0.1)); // 0.1 of 5 rounds down to no slot
    }

    [Fact]
    public void A_newcomer_with_nothing_shown_gets_the_feed_spread_over_distinct_tags()
    {
        // Everything untried: e0 [a] covers a, e1 [a] does not count; e2 [b], e5 [d, a] (a covered: not counted), e4 [d].
        // 0.8 of 5 = 4 slots, 3 in (e0, e2, e4): one pick, e3 [c], in e5's place.
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], Feed(share: 0.8, response: TagResponse.None));
    }
}
