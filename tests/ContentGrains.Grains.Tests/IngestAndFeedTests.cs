using ContentGrains.Abstractions;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

public sealed class IngestAndFeedTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;
    private IIngestGrain Ingest => engine.Grains.GetGrain<IIngestGrain>(0);

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder);
        var import = await engine.Grains.GetGrain<IItemImportGrain>(0).PutManyAsync([
            new("alien", Item("Alien", "SciFi", "Horror")),
            new("aliens", Item("Aliens", "scifi", "action")),
            new("toy-story", Item("Toy Story", "animation", "kids")),
            new("up", Item("Up", "animation")),
            new("heat", Item("Heat", "crime", "action")),
        ]);
        Assert.Equal(5, import.Stored);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Events_update_the_profile_and_the_item_counters()
    {
        var result = await Ingest.IngestAsync([
            E("1", "ann", "alien", "view", dwell: 60), E("2", "ann", "alien", "like"), E("3", "bob", "alien", "impression"),
        ]);

        Assert.Equal((3, 0, 0), (result.Accepted, result.Duplicates, result.Rejected.Count));
        var profile = await engine.Grains.GetGrain<IUserGrain>("ann").GetProfileAsync();
        Assert.Equal(1, profile.EventCounts["view"]);
        Assert.Equal(1, profile.EventCounts["like"]);
        // view 1 + dwell 60/30 = 3, like 3: about 6 per tag, decayed over ten minutes with a 14-day half-life.
        Assert.InRange(profile.Interests["scifi"], 5.99, 6.0);
        Assert.Equal(profile.Interests["scifi"], profile.Interests["horror"]);
        Assert.Equal(["like", "view"], profile.Recent.Select(r => r.Type).Order());

        var item = await engine.Grains.GetGrain<IItemGrain>("alien").GetAsync();
        Assert.Equal((1, 1, 1, 60.0), (item!.Stats.Views, item.Stats.Likes, item.Stats.Impressions, item.Stats.DwellSeconds));
        Assert.Equal(Math.Round(1.0 / 21, 6), item.Stats.SmoothedCtr);
    }

    [Fact]
    public async Task The_very_next_feed_reflects_a_new_event()
    {
        var user = engine.Grains.GetGrain<IUserGrain>("cat");
        var before = await user.GetFeedAsync(5, null);
        Assert.Equal(5, before.Items.Count);

        await Ingest.IngestAsync([E("c1", "cat", "toy-story", "click")]);
        var after = await user.GetFeedAsync(5, null);

        Assert.DoesNotContain(after.Items, i => i.ItemId == "toy-story");
        Assert.Equal("up", after.Items[0].ItemId);
        Assert.Equal("matches your interest in animation", after.Items[0].Reason);
        Assert.Equal("heuristic-v1", after.Model);
    }

    [Fact]
    public async Task A_dislike_removes_the_item_and_pushes_its_tags_down()
    {
        await Ingest.IngestAsync([E("d1", "dan", "aliens", "dislike")]);
        var feed = await engine.Grains.GetGrain<IUserGrain>("dan").GetFeedAsync(5, null);

        Assert.DoesNotContain(feed.Items, i => i.ItemId == "aliens");
        Assert.True(feed.Items[^1].ItemId is "alien" or "heat", $"expected a scifi or action item last, got {feed.Items[^1].ItemId}");
    }

    [Fact]
    public async Task A_duplicate_event_id_counts_once()
    {
        var batch = new[] { E("dup-1", "eve", "heat", "click"), E("dup-2", "eve", "heat", "view") };
        await Ingest.IngestAsync(batch);
        var again = await Ingest.IngestAsync([.. batch, E("dup-1", "eve", "heat", "click")]);

        Assert.Equal((0, 3), (again.Accepted, again.Duplicates));
        var stats = (await engine.Grains.GetGrain<IItemGrain>("heat").GetAsync())!.Stats;
        Assert.Equal((1, 1), (stats.Clicks, stats.Views));
        Assert.Equal(1, (await engine.Grains.GetGrain<IUserGrain>("eve").GetProfileAsync()).EventCounts["click"]);
    }

    [Fact]
    public async Task Bad_events_are_rejected_with_field_and_reason_and_do_not_block_good_ones()
    {
        var result = await Ingest.IngestAsync([
            E("ok-1", "fay", "up", "view"),
            E("bad-1", "fay", "up", "teleport"),
            E("bad 2", "fay", "up", "view"),
            E("bad-3", "fay", "up", "dwell", dwell: -1),
            E("ok-2", "fay", "brand-new-item", "view"),
        ]);

        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, result.UnknownItems);
        Assert.Equal([(1, "type"), (2, "eventId"), (3, "dwellSeconds")], result.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Contains("at least 0", result.Rejected[2].Reason);
        Assert.Equal(1, (await engine.Grains.GetGrain<IItemGrain>("brand-new-item").GetAsync())!.Stats.Views);
        Assert.Null((await engine.Grains.GetGrain<IItemGrain>("brand-new-item").GetAsync())!.Metadata);
    }

    [Fact]
    public async Task Item_metadata_is_validated_and_normalised()
    {
        var item = engine.Grains.GetGrain<IItemGrain>("gravity");
        var errors = await item.PutAsync(new ItemMetadata { Title = "Gravity", Tags = ["ok", ""], Channels = ["web", "bad channel"] });
        Assert.Equal(["tags[1]", "channels[1]"], errors.Select(e => e.Field));
        Assert.Null(await item.GetAsync());

        Assert.Empty(await item.PutAsync(new ItemMetadata { Title = "Gravity", Tags = [" Space ", "space", "Drama"], Channels = ["email"] }));
        Assert.Equal(["space", "drama"], (await item.GetAsync())!.Metadata!.Tags);
        var emailFeed = await engine.Grains.GetGrain<IUserGrain>("gus").GetFeedAsync(10, "email");
        Assert.Contains(emailFeed.Items, i => i.ItemId == "gravity");
        Assert.DoesNotContain(await engine.Grains.GetGrain<IUserGrain>("gus").GetFeedAsync(10, "social") is var f ? f.Items : [], i => i.ItemId == "gravity");
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var batch = Enumerable.Range(0, ContentGrainsNames.MaxEventsPerBatch + 1).Select(i => E($"big-{i}", "hal", "up")).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => Ingest.IngestAsync(batch));
        Assert.Empty((await engine.Grains.GetGrain<IUserGrain>("hal").GetProfileAsync()).EventCounts);
    }
}
