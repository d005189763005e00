using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Feed;
using static ContentGrains.Core.Tests.Feed.FeedCatalog;

namespace ContentGrains.Core.Tests.Feed;

/// <summary>
/// A feed restricted by the request (<see cref="ItemFilter"/>): a section page or a format slot. Every source, the
/// exploration slots and the model's candidates obey it, and the filter's own tags fill the section for a person who
/// never read it.
/// </summary>
public class SectionFeedTests
{
    /// <summary>40 popular scifi items, 12 less popular kids items (4 of them also horror, 4 articles), and 10 scifi and 6 kids items with no events yet (exploration's pool).</summary>
    private static CatalogSnapshot Catalog() => Snapshot(
    [
        .. Enumerable.Range(0, 40).Select(i => Item($"scifi-{i}", 50 + i, ["scifi"]) with { Format = "video" }),
        .. Enumerable.Range(0, 12).Select(i => Item($"kids-{i}", 1 + i, i % 3 == 0 ? ["kids", "horror"] : ["kids"]) with { Format = i % 3 == 1 ? "article" : "Video" }),
        .. Enumerable.Range(0, 10).Select(i => Item($"new-scifi-{i}", 0, ["scifi"], events: 0) with { Format = "video" }),
        .. Enumerable.Range(0, 6).Select(i => Item($"new-kids-{i}", 0, ["kids"], events: 0) with { Format = "video" }),
    ]);

    /// <summary>Someone who reads scifi only: unfiltered, their feed is all scifi.</summary>
    private static readonly FeedUser ScifiReader = new("reader", Interests(("scifi", 5)), new HashSet<string>(), []);

    /// <summary>No trending or fresh candidates: on a large catalog their bounded lists may hold no item of a small section, so here only the filter's own tags can bring it.</summary>
    private static IReadOnlyList<RankedItem> Build(ItemFilter? filter, int count = 10) =>
        new FeedPipeline(new FeedSettings { PopularCandidates = 0, FreshCandidates = 0 }).Build(Catalog(), null, ScifiReader, Now, count, channel: null, filter: filter);

    [Fact]
    public void A_section_holds_only_its_tags_and_formats_and_fills_for_a_person_who_never_read_it()
    {
        var filter = ItemFilter.Parse("kids", "horror", "video").Filter;

        var feed = Build(filter, count: 20);

        // Unfiltered, everything but the exploration slots is scifi.
        Assert.All(Build(null).Where(item => item.Reason != Core.Ranking.Reasons.Exploration), item => Assert.Contains("scifi", item.ItemId));
        // Every kids video without horror, and nothing else: kids-2, 5, 8 and 11 (the rest are horror or articles) and the six new ones.
        string[] allowed = ["kids-2", "kids-5", "kids-8", "kids-11", .. Enumerable.Range(0, 6).Select(i => $"new-kids-{i}")];
        Assert.Equal(allowed.Order(), feed.Select(item => item.ItemId).Order());
        // A shorter feed's exploration slots come from the filtered pool too: new kids videos, never a new scifi item.
        var shorter = Build(filter, count: 6);
        Assert.Contains(shorter, item => item.ItemId.StartsWith("new-kids-", StringComparison.Ordinal) && item.Reason == Core.Ranking.Reasons.Exploration);
        Assert.All(shorter, item => Assert.Contains(item.ItemId, allowed));
    }

    [Fact]
    public void A_filter_that_lets_nothing_in_gives_an_empty_feed()
    {
        Assert.Empty(Build(ItemFilter.Parse("no-such-tag", null, null).Filter));
        Assert.Empty(Build(ItemFilter.Parse(null, null, "podcast").Filter));
    }

    [Fact]
    public void The_models_candidates_obey_the_filter()
    {
        // u1-like viewer of comedy (a, b); the section is action: only d, e, f, though the model's neighbours are comedy.
        var viewer = new FeedUser("viewer", [], new HashSet<string>(["a", "b"]), ["a", "b"]);
        var feed = new FeedPipeline(new FeedSettings { ExplorationSlots = 0 })
            .Build(TwoClusters.Catalog(), TwoClusters.Model(), viewer, Now, 10, channel: null, filter: ItemFilter.Parse("action", null, null).Filter);

        Assert.Equal(["d", "e", "f"], feed.Select(i => i.ItemId).Order());
    }

    [Fact]
    public void In_a_section_the_catalog_wide_lists_are_walked_only_four_times_as_far_as_they_take()
    {
        // 50 popular scifi items, then 5 kids items: trending for 10 in the kids section walks 40 entries and finds none.
        var catalog = Snapshot([.. Enumerable.Range(0, 50).Select(i => Item($"scifi-{i}", 100 + i, ["scifi"])), .. Enumerable.Range(0, 5).Select(i => Item($"kids-{i}", 1 + i, ["kids"]))]);
        var section = new CandidatePool(catalog, new HashSet<string>(), null, ItemFilter.Parse("kids", null, null).Filter);
        var excludeOnly = new CandidatePool(catalog, new HashSet<string>(), null, ItemFilter.Parse(null, "scifi", null).Filter);

        CatalogCandidates.Trending(catalog, 10, section);
        CatalogCandidates.Trending(catalog, 10, excludeOnly);

        Assert.Equal((true, 0), (section.IsSection, section.Count));
        Assert.Equal((false, 5), (excludeOnly.IsSection, excludeOnly.Count)); // not a section: the whole list is walked
    }

    [Fact]
    public void Trending_in_a_section_is_its_tags_most_popular_items()
    {
        // Kids items without horror, most popular first: kids-11 (12), kids-10 (11; no format asked), kids-8 (9); kids-9 is horror.
        var trending = SimilarItems.Trending(Catalog(), 3, null, ItemFilter.Parse("kids", "horror", null).Filter);

        Assert.Equal(["kids-11", "kids-10", "kids-8"], trending.Select(r => r.ItemId));
        Assert.Equal(["kids-11", "kids-8"], SimilarItems.Trending(Catalog(), 3, null, ItemFilter.Parse("kids", "horror", "video").Filter).Select(r => r.ItemId).Take(2));
    }

    [Theory]
    [InlineData("kids,,scifi", null, null, "tags", "must not hold an empty value (two commas, or a comma at an end)")]
    [InlineData("kids,", null, null, "tags", "must not hold an empty value (two commas, or a comma at an end)")]
    [InlineData(null, "kids", "bad format", "formats", "contains ' '; allowed are ASCII letters (a-z, A-Z), digits and _ - . : @")]
    [InlineData("Kids", "KIDS", null, "excludeTags", "'kids' is also in tags: no item could both carry and lack it")]
    public void A_bad_value_is_named_with_its_field_and_reason(string? tags, string? excludeTags, string? formats, string field, string reason)
    {
        var (filter, problem) = ItemFilter.Parse(tags, excludeTags, formats);

        Assert.Null(filter);
        Assert.Equal(new Core.Events.FieldProblem(field, reason), problem);
    }

    [Fact]
    public void Limits_and_normalisation()
    {
        Assert.Equal("must have at most 20 comma-separated values, got 21", ItemFilter.Parse(string.Join(',', Enumerable.Range(0, 21)), null, null).Problem?.Reason);
        Assert.Equal("must be at most 64 characters", ItemFilter.Parse(null, new string('x', 65), null).Problem?.Reason);
        Assert.Equal((null, null), ItemFilter.Parse(null, null, null));
        var filter = ItemFilter.Parse(" SciFi , kids,scifi", null, "Video").Filter!;
        Assert.Equal(["scifi", "kids"], filter.Tags);
        Assert.Equal(["video"], filter.Formats);
    }
}
