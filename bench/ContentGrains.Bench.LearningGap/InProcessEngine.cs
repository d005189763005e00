using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Items;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Reranking;
using ContentGrains.Core.Simulation;

namespace ContentGrains.Bench.LearningGap;

/// <summary>
/// The engine's heuristic feed in process, as a feed source for the simulated audience: each person's
/// <see cref="UserProfile"/> updated by <see cref="ProfileUpdater"/> (the user grain's work), each item's
/// <see cref="ItemCounters"/> (the item grain's) feeding a catalog view rebuilt when it changed (the silo's view, which
/// the engine refreshes every second), and <see cref="FeedPipeline.Build"/> with no model, at one server clock for the
/// whole run (a bench run lasts minutes of real time while the simulated days are in the past, as over HTTP).
/// For every feed it also records why each shown item is there (<see cref="SlotWhy"/>): the ranking's parts for it,
/// its place in the ranking before and after the recently-shown demotion, and whether the exploration slot put it there.
/// </summary>
public sealed class InProcessEngine : IFeedSource
{
    private static readonly TimeSpan TrendHalfLife = TimeSpan.FromDays(1);

    private readonly SimWorld world;
    private readonly FeedSettings feedSettings;
    private readonly DateTimeOffset now;
    private readonly FeedPipeline pipeline;
    private readonly CandidateRanker ranker;
    private readonly ProfileUpdater updater;
    private readonly CatalogEntry[] entries;
    private readonly ItemCounters[] counters;
    private readonly Dictionary<string, UserProfile> profiles = new(StringComparer.Ordinal);
    private CatalogSnapshot? snapshot;
    private long version;

    public InProcessEngine(SimWorld world, FeedSettings feedSettings, ProfileSettings profileSettings, DateTimeOffset now)
    {
        this.world = world;
        this.feedSettings = feedSettings;
        this.now = now;
        pipeline = new FeedPipeline(feedSettings);
        ranker = new CandidateRanker(feedSettings);
        updater = new ProfileUpdater(profileSettings);
        entries = world.Items.Select(i => new CatalogEntry(i.Id, i.Tags, [], i.Traits.PublishedAt, default, 0, i.Title)).ToArray();
        counters = world.Items.Select(_ => new ItemCounters()).ToArray();
    }

    /// <summary>Why each slot of a feed holds its item, by (person, feed time).</summary>
    public Dictionary<(string UserId, DateTimeOffset At), SlotWhy[]> Why { get; } = [];

    public Task<ShownFeed> GetFeedAsync(SimPerson person, PersonState state, SessionState session, DateTimeOffset at, int count, CancellationToken cancel)
    {
        var catalog = snapshot ??= new CatalogSnapshot(++version, entries, now, TrendHalfLife, feedSettings.ExplorationMaxEvents);
        var user = updater.FeedUserAt(person.Id, ProfileOf(person.Id), now);
        var feed = pipeline.Build(catalog, null, user, now, count, session.Channel);
        Why[(person.Id, at)] = Explain(person, user, catalog, feed, session.Channel);
        return Task.FromResult(new ShownFeed(feed.Select(f => f.ItemId).ToList(), FeedPipeline.HeuristicName));
    }

    public Task SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancel)
    {
        foreach (var e in events)
        {
            if (!EventTypes.TryParse(e.Type, out var type)) throw new InvalidOperationException($"unknown event type {e.Type}");
            var interaction = new Interaction(e.EventId, e.UserId, e.ItemId, type, e.Timestamp, e.Channel, e.DwellSeconds ?? 0, null, null, e.Variant);
            var index = (int)SimIds.ItemIndex(e.ItemId);
            updater.Apply(ProfileOf(e.UserId), interaction, entries[index].Tags);
            counters[index].Apply(interaction, TrendHalfLife);
            entries[index] = entries[index] with { Trend = counters[index].Trend, EventsApplied = counters[index].EventsApplied };
        }
        snapshot = null;
        return Task.CompletedTask;
    }

    private UserProfile ProfileOf(string userId)
    {
        if (!profiles.TryGetValue(userId, out var profile)) profiles[userId] = profile = new UserProfile();
        return profile;
    }

    /// <summary>
    /// The ranking as the pipeline computes it without a model (the same sources and <see cref="CandidateRanker"/>), so
    /// each shown item's parts and places are known; and the feed's supply: how many allowed candidates lie on one of the
    /// person's strong topics (truth: the primary topic's taste at least half their strongest), and how many of those
    /// the recently-shown demotion puts behind the rest.
    /// </summary>
    private SlotWhy[] Explain(SimPerson person, FeedUser user, CatalogSnapshot catalog, IReadOnlyList<RankedItem> feed, string? channel)
    {
        var pool = new CandidatePool(catalog, user.Excluded, channel);
        CatalogCandidates.ContentMatch(catalog, user.Interests, feedSettings.TopInterestTags, feedSettings.CandidatesPerTag, pool);
        CatalogCandidates.Trending(catalog, feedSettings.PopularCandidates, pool);
        CatalogCandidates.Fresh(catalog, feedSettings.FreshCandidates, pool);
        var ranked = ranker.Rank(pool, catalog, null, user.Interests, now, user.Response);
        var before = ranked.Select((c, i) => (c.Entry, i)).ToDictionary(x => x.Entry, x => x.i);
        var parts = ranked.ToDictionary(c => c.Entry);
        var after = RecentlyShown.Demote([.. ranked], user.RecentlyShown, catalog).Select((c, i) => (c.Entry, i)).ToDictionary(x => x.Entry, x => x.i);
        var strong = pool.Entries.Where(e => Taste(person, e) >= 0.5).ToList();
        var strongFresh = strong.Count(e => !user.RecentlyShown.Contains(catalog.Entries[e].ItemId));
        var w = feedSettings.Weights(withModel: false);
        return feed.Select(f =>
        {
            var entry = catalog.IndexOf(f.ItemId);
            var c = parts.GetValueOrDefault(entry);
            return new SlotWhy(
                f.Reason == Reasons.Exploration, user.RecentlyShown.Contains(f.ItemId),
                before.GetValueOrDefault(entry, -1), after.GetValueOrDefault(entry, -1),
                w.Interest * c.Interest, w.Response * c.Response, w.Popularity * c.Popularity, w.Freshness * c.Freshness,
                Taste(person, entry), AnyTaste(person, entry), world.Items[entry].Traits.Topics.Length, strong.Count, strongFresh, user.History.Count);
        }).ToArray();
    }

    /// <summary>The person's taste for the entry's primary topic relative to their strongest (the simulator's truth).</summary>
    private double Taste(SimPerson person, int entry) => person.Tastes[world.Items[entry].Traits.PrimaryTopic] / person.MaxTaste;

    /// <summary>The person's taste for the strongest of the entry's topics, primary or not, relative to their strongest.</summary>
    private double AnyTaste(SimPerson person, int entry) => world.Items[entry].Traits.Topics.Max(t => person.Tastes[t]) / person.MaxTaste;
}

/// <summary>
/// Why a shown slot holds its item: exploration, recently shown (demoted behind the rest), its place in the ranking
/// before and after the demotion (−1: not pooled), the weighted ranking parts, the primary topic's taste and the strongest
/// taste among all its topics (truth), how many topics (tags) it has, the
/// feed's supply of candidates on strong topics (all, and not recently shown), and the person's engaged items.
/// </summary>
public sealed record SlotWhy(bool Exploration, bool RecentlyShown, int RankBefore, int RankAfter,
    double Interest, double Response, double Popularity, double Freshness, double PrimaryTaste, double AnyTopicTaste, int Topics,
    int StrongSupply, int StrongSupplyNotShown, int History);
