using ContentGrains.Abstractions;
using ContentGrains.Grains;
using ContentGrains.Testing;
using static ContentGrains.Grains.Tests.Events;

namespace ContentGrains.Grains.Tests;

/// <summary>Rules mined from the real event log, stored as a version, served by "also" and as the feed's only source.</summary>
public sealed class RulesTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private EngineCluster engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineCluster.StartAsync(folder, configure: o =>
        {
            o.Rules.Interval = TimeSpan.Zero; // mined by hand here
            // Only the rule source brings candidates: no trending, fresh, tag match or exploration.
            o.Feed = o.Feed with { PopularCandidates = 0, FreshCandidates = 0, CandidatesPerTag = 0, ExplorationSlots = 0 };
        });
        var import = await engine.Grains.GetGrain<IItemImportGrain>(0).PutManyAsync(
            new[] { "x", "y", "z", "q", "other" }.Select(id => new ItemUpsert(id, Item(id.ToUpperInvariant(), "news"))).ToList());
        Assert.Equal(5, import.Stored);
    }

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Mined_rules_are_stored_and_served_with_hand_computed_measures_and_feed_the_feed()
    {
        var discovery = engine.Grains.GetGrain<IDiscoveryGrain>(0);
        Assert.Null((await discovery.GetAlsoAsync("x", 10)).Version);
        // 30 one-session baskets: 10 × {x, y}, 5 × {x, z}, 5 × {y}, 10 × {q}; an impression is not a read.
        var events = new List<InteractionEvent>();
        void Session(string user, params string[] items) => events.AddRange(items.Select(i => E($"{user}-{i}", user, i)));
        for (var u = 0; u < 10; u++) Session($"a{u}", "x", "y");
        for (var u = 0; u < 5; u++) Session($"b{u}", "x", "z");
        for (var u = 0; u < 5; u++) Session($"c{u}", "y");
        for (var u = 0; u < 10; u++) Session($"d{u}", "q");
        events.Add(E("imp", "a0", "other", "impression"));
        await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync(events);

        var run = await engine.Grains.GetGrain<IRulesGrain>(RuleBookCache.RulesGrainKey).MineAsync();

        Assert.Null(run.Error);
        Assert.Equal((1L, 30, 46L), (run.Version!.Value, run.Baskets, run.EventsRead)); // 45 reads and the impression
        var also = await discovery.GetAlsoAsync("x", 10);
        Assert.Equal(1, also.Version);
        // x ⇒ y: 10 of x's 15 baskets (confidence 2/3), y in 15 of 30 (lift 4/3); x ⇒ z: 5/15, z in 5 of 30 (lift 2).
        Assert.Equal(["y", "z"], also.Rules.Select(r => r.ItemId));
        var y = also.Rules[0];
        Assert.Equal((10, 10.0 / 30, 2.0 / 3, 4.0 / 3), (y.Count, y.Support, y.Confidence, y.Lift));
        Assert.Equal(2.0, also.Rules[1].Lift, 12);
        Assert.Empty((await discovery.GetAlsoAsync("q", 10)).Rules); // q is never read with anything

        await engine.Grains.GetGrain<IIngestGrain>(0).IngestAsync([E("ann-x", "ann", "x")]);
        var feed = await engine.Grains.GetGrain<IUserGrain>("ann").GetFeedAsync(10, null);
        Assert.Equal(["y", "z"], feed.Items.Select(i => i.ItemId).Order());
    }
}
