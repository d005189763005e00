using ContentGrains.Abstractions;
using ContentGrains.Core.Simulation;
using ContentGrains.Core.Variants;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// A headline test end to end: an item's variants served through the feed, impressions and clicks sent back through the
/// ingest API with the variant the feed named, clicks drawn from a planted truth (variant "b" +300%), until the item grain
/// declares the planted winner; then feeds serve only it, and the test survives a restart.
/// </summary>
public sealed class HeadlineVariantTests : IDisposable
{
    private static readonly PlantedHeadline Truth = new(Variants: 2, Planted: 1, BaseClickProbability: 0.05, RelativeLift: 3);
    private readonly TempDirectory folder = new();

    private static readonly ItemMetadata Story = Item("Storm over the harbour", "weather") with
    {
        Variants =
        [
            new HeadlineVariantSpec { Id = "v0", Headline = "Storm over the harbour" },
            new HeadlineVariantSpec { Id = "v1", Headline = "The harbour storm nobody saw coming", ThumbnailUrl = "https://img.example/storm.jpg" },
        ],
    };

    private static Task<EngineCluster> StartAsync(TempDirectory folder) => EngineCluster.StartAsync(folder, configure: o =>
    {
        o.VariantRefresh = TimeSpan.Zero; // feeds read the posteriors right after events change them
        o.Variants = new VariantSettings { MinImpressionsPerVariant = 60, CheckEveryImpressions = 20 };
    });

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Feeds_pick_variants_clicks_update_them_and_the_planted_winner_is_declared_and_survives_a_restart()
    {
        VariantTestView decided;
        await using (var engine = await StartAsync(folder))
        {
            Assert.Empty(await engine.Grains.GetGrain<IItemGrain>("story").PutAsync(Story));
            await engine.Grains.GetGrain<IItemGrain>("other").PutAsync(Item("Local elections", "politics"));

            decided = await RunUntilDecidedAsync(engine);

            Assert.Equal(("winner-declared", "v1"), (decided.State, decided.Served));
            Assert.True(decided.Variants[1].Impressions > decided.Variants[0].Impressions,
                $"Thompson should show the better variant more: {decided.Variants[0].Impressions} vs {decided.Variants[1].Impressions}");
            Assert.True(decided.Variants[1].ProbabilityBest >= 0.95);
            var after = await FeedItemAsync(engine, "after-decision");
            Assert.Equal(new ShownVariant("v1", "The harbour storm nobody saw coming", "https://img.example/storm.jpg"), after.Variant);
            Assert.Null((await engine.Grains.GetGrain<IUserGrain>("after-decision").GetFeedAsync(5, null)).Items.Single(i => i.ItemId == "other").Variant);
        }

        await using var restarted = await StartAsync(folder);
        var reloaded = await restarted.Grains.GetGrain<IItemGrain>("story").GetVariantsAsync();
        Assert.Equal((decided.State, decided.Served), (reloaded!.State, reloaded.Served));
        Assert.Equal(decided.Variants.Select(v => (v.Impressions, v.Clicks)), reloaded.Variants.Select(v => (v.Impressions, v.Clicks)));
        Assert.Equal("v1", (await FeedItemAsync(restarted, "after-restart")).Variant!.VariantId);
    }

    [Fact]
    public async Task An_operator_stop_pins_a_variant_and_an_unknown_pin_is_refused()
    {
        await using var engine = await StartAsync(folder);
        var story = engine.Grains.GetGrain<IItemGrain>("story");
        Assert.Equal(VariantStopStatus.NoTest, (await story.StopVariantsAsync(null)).Status);
        await story.PutAsync(Story);

        Assert.Equal(VariantStopStatus.UnknownVariant, (await story.StopVariantsAsync("v9")).Status);
        var stop = await story.StopVariantsAsync("v0");

        Assert.Equal((VariantStopStatus.Stopped, "stopped", "v0"), (stop.Status, stop.Test!.State, stop.Test.Served));
        Assert.Equal("v0", (await FeedItemAsync(engine, "someone")).Variant!.VariantId);
    }

    [Fact]
    public async Task Duplicated_events_count_once_in_the_variant()
    {
        await using var engine = await StartAsync(folder);
        await engine.Grains.GetGrain<IItemGrain>("story").PutAsync(Story);
        var ingest = engine.Grains.GetGrain<IIngestGrain>(0);
        InteractionEvent[] batch = [E("i1", "ann", "story", "impression") with { Variant = "v1" }, E("c1", "ann", "story") with { Variant = "v1" }];

        await ingest.IngestAsync(batch);
        var again = await ingest.IngestAsync(batch);

        Assert.Equal(2, again.Duplicates);
        var test = await engine.Grains.GetGrain<IItemGrain>("story").GetVariantsAsync();
        Assert.Equal([(0L, 0L), (1L, 1L)], test!.Variants.Select(v => (v.Impressions, v.Clicks)));
        Assert.Equal(2.0 / 3, test.Variants[1].Mean, 6); // Beta(2, 1)
    }

    /// <summary>Batches of people each get a feed, see the story with the variant the feed named, and click as the truth says.</summary>
    private static async Task<VariantTestView> RunUntilDecidedAsync(EngineCluster engine)
    {
        var random = new SimRandom(42);
        var ingest = engine.Grains.GetGrain<IIngestGrain>(0);
        for (var round = 0; round < 60; round++)
        {
            var events = new List<InteractionEvent>();
            for (var p = 0; p < 50; p++)
            {
                var user = $"u{round}-{p}";
                var shown = (await FeedItemAsync(engine, user)).Variant ?? throw new InvalidOperationException("the feed named no variant for the story");
                events.Add(E($"imp-{user}", user, "story", "impression") with { Variant = shown.VariantId });
                var variant = shown.VariantId == "v1" ? 1 : 0;
                if (random.Chance(Truth.ClickProbability(variant))) events.Add(E($"clk-{user}", user, "story") with { Variant = shown.VariantId });
            }
            var result = await ingest.IngestAsync(events);
            Assert.Empty(result.Rejected);
            var test = await engine.Grains.GetGrain<IItemGrain>("story").GetVariantsAsync();
            if (test!.State != "running") return test;
        }
        throw new Xunit.Sdk.XunitException("no winner after 3,000 people");
    }

    private static async Task<FeedItem> FeedItemAsync(EngineCluster engine, string user) =>
        (await engine.Grains.GetGrain<IUserGrain>(user).GetFeedAsync(5, null)).Items.Single(i => i.ItemId == "story");
}
