using ContentGrains.Core.Simulation;

namespace ContentGrains.Core.Tests.Simulation;

/// <summary>The planted headline truth: which items carry variants, which variant is planted, and the lift a feed showing it gets.</summary>
public sealed class PlantedHeadlinesTests
{
    private static readonly WorldSettings Settings = new() { Seed = 5, Users = 50, Items = 200, HeadlineItems = 20, HeadlineVariants = 3, HeadlineLift = 0.3 };

    [Fact]
    public void The_seed_picks_distinct_items_each_with_one_planted_variant_among_its_variants()
    {
        var planted = new PlantedHeadlines(Settings);

        Assert.Equal(20, planted.Items.Count);
        Assert.Equal(20, planted.Items.Select(i => i.ItemIndex).Distinct().Count());
        Assert.All(planted.Items, i => Assert.InRange(i.ItemIndex, 0, 199));
        Assert.All(planted.Items, i => Assert.InRange(i.Planted, 0, 2));
        Assert.True(planted.Items.Select(i => i.Planted).Distinct().Count() > 1, "with 20 items the planted variant is not always the same one");
        Assert.Equal(planted.Items, new PlantedHeadlines(Settings).Items);
        Assert.NotEqual(planted.Items, new PlantedHeadlines(Settings with { Seed = 6 }).Items);
        Assert.Empty(new PlantedHeadlines(Settings with { HeadlineItems = 0 }).Items);
    }

    [Fact]
    public void Only_the_planted_variant_of_a_planted_item_lifts_its_clicks()
    {
        var planted = new PlantedHeadlines(Settings);
        var item = planted.Items[0];
        var other = PlantedHeadlineItem.VariantId((item.Planted + 1) % 3);
        var untested = Enumerable.Range(0, 200).First(i => planted.For(i) is null);

        Assert.Equal(1.3, planted.ClickFactor(item.ItemIndex, item.PlantedVariantId), 12);
        Assert.Equal(1, planted.ClickFactor(item.ItemIndex, other));
        Assert.Equal(1, planted.ClickFactor(item.ItemIndex, null));
        Assert.Equal(1, planted.ClickFactor(untested, item.PlantedVariantId));
    }

    [Fact]
    public void A_feed_showing_the_planted_variant_has_the_lifted_click_probability_and_its_events_name_the_variant()
    {
        var world = new SimWorld(Settings);
        var item = world.Headlines.Items[0];
        var other = PlantedHeadlineItem.VariantId((item.Planted + 1) % 3);
        var person = world.People[0];
        var ids = new[] { item.ItemId, world.Items.First(i => world.Headlines.For(i.Traits.Index) is null).Id };

        FeedOutcome Show(string variant) =>
            new Visit(world, person, new PersonState(), 0, Settings.Start, "run1", "web").React(0, ids, Settings.Start, [variant, null]);
        var lifted = Show(item.PlantedVariantId);
        var plain = Show(other);

        Assert.Equal(plain.Slots[0].OracleProbability * 1.3, lifted.Slots[0].OracleProbability, 12);
        Assert.Equal(plain.Slots[1].OracleProbability, lifted.Slots[1].OracleProbability, 12);
        Assert.All(lifted.Events.Where(e => e.ItemId == item.ItemId && e.Type is "impression" or "click"), e => Assert.Equal(item.PlantedVariantId, e.Variant));
        Assert.All(lifted.Events.Where(e => e.ItemId != item.ItemId || e.Type is not ("impression" or "click")), e => Assert.Null(e.Variant));
    }

    [Theory]
    [InlineData(201, 3, 0.3, "headlineItems must be between 0 and items (200)")]
    [InlineData(20, 1, 0.3, "headlineVariants must be between 2 and 10")]
    [InlineData(20, 3, 0, "headlineLift must be above 0")]
    public void Bad_headline_settings_name_the_field(int items, int variants, double lift, string problem) =>
        Assert.Equal(problem, (Settings with { HeadlineItems = items, HeadlineVariants = variants, HeadlineLift = lift }).Problem());
}
