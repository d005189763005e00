using System.Buffers;
using ContentGrains.Core.Candidates;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Click;
using ContentGrains.Core.Live;
using ContentGrains.Core.Ranking;
using ContentGrains.Core.Reranking;
using ContentGrains.Core.Rules;
using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Feed;

/// <summary>
/// The live feed for one person: candidate sources (the published model's top items, item-to-item of recent
/// history, association rules of recent items, content match on interests, the person's topics, trending, fresh) → ranking (model,
/// interest, popularity, freshness, response, topic match) →
/// re-ranking (seen and disliked items never enter; MMR diversity) → exploration slots → a reason per item.
/// Without a published model it still works from the catalog alone (cold start of the whole engine). When a click
/// model is champion it orders the candidates by P(engaged) (<see cref="ClickRanker"/>); items shown lately without
/// engagement go behind the rest either way (<see cref="RecentlyShown"/>).
/// </summary>
/// <param name="stages">Told as each build passes a <see cref="FeedStage"/> (bench/ContentGrains.Bench.FeedCost's
/// bytes per stage); none on a silo.</param>
public sealed class FeedPipeline(FeedSettings settings, IFeedStageObserver? stages = null)
{
    public const string HeuristicName = "heuristic-v1";

    private readonly CandidateRanker ranker = new(settings);
    private readonly Reasons reasons = new(settings);

    public FeedSettings Settings => settings;

    public static string NameOf(LiveModel? model) => model is null ? HeuristicName : $"{model.Name}-v{model.Version}:{model.Kind}";

    /// <summary>The feed's name with the click model that ranked it, e.g. "default-v3:ease+click-1a2b3c4d5e6f".</summary>
    public static string NameOf(LiveModel? model, IClickScorer? click) => click is null ? NameOf(model) : $"{NameOf(model)}+{click.Version}";

    public IReadOnlyList<RankedItem> Build(
        CatalogSnapshot catalog, LiveModel? model, FeedUser user, DateTimeOffset now, int count, string? channel, IClickScorer? click = null,
        RuleBook? rules = null, TopicBook? topics = null, Func<string, Performance.CtrPrior?>? ctrPriors = null, ItemFilter? filter = null)
    {
        if (count <= 0 || catalog.Entries.Count == 0) return [];
        var scratch = FeedScratch.Take();
        var pool = new CandidatePool(catalog, user.Excluded, channel, scratch, filter);
        var link = model?.LinkTo(catalog);
        var retrieval = model?.Retrieval;
        // The person's vector on the retrieval path: d floats (in a pooled array), the only model state a request computes.
        var userVector = retrieval is null ? null : UserVector(model!, retrieval, user.History);
        ReadOnlySpan<float> person = userVector is null ? default : userVector.AsSpan(0, retrieval!.Model.Dimensions);
        // The dense path (small-catalog kinds) scores every model item into a pooled buffer; retrieval needs none.
        var buffer = model is null || retrieval is not null ? null : ArrayPool<float>.Shared.Rent(model.ItemIds.Count);
        try
        {
            if (model is not null && link is not null)
            {
                // A section (ItemFilter.Restricts) pools from its own bounded lists instead of searching the whole index,
                // which for a small section reads rows until it has enough; the model still scores and ranks what is pooled.
                if (retrieval is null) ScoreAllItems(model, link, user.History, buffer!, pool);
                else if (!pool.IsSection) VectorCandidates.Collect(retrieval, link, person, settings.ModelCandidates, pool);
                SimilarToRecent.Collect(model, link, user.History, settings.RecentItemsForSimilar, settings.SimilarPerRecentItem, pool);
            }
            if (rules is not null) RuleCandidates.Collect(rules, catalog, user.History, settings.RuleRecentItems, settings.RulesPerRecentItem, pool);
            CatalogCandidates.ContentMatch(catalog, user.Interests, settings.TopInterestTags, settings.CandidatesPerTag, pool);
            if (filter is not null) CatalogCandidates.FilterTags(catalog, filter, settings.ModelCandidates, pool);
            if (topics is not null) TopicCandidates.Collect(topics, catalog, user.Topics, settings.TopTopics, settings.CandidatesPerTopic, pool);
            CatalogCandidates.Trending(catalog, settings.PopularCandidates, pool);
            CatalogCandidates.Fresh(catalog, settings.FreshCandidates, pool);
            stages?.Reached(FeedStage.Pooled);

            // Retrieval scores the pooled candidates only (a dot product each), whichever source brought them.
            var modelScores = link is null ? null
                : retrieval is not null ? ModelScores.OfCandidates(pool, link, retrieval.Model, person, into: scratch.ModelScores)
                : ModelScores.Dense(buffer!, link);
            var ranked = ranker.Rank(pool, catalog, modelScores, user.Interests, now, user.Response, topics, user.Topics,
                into: scratch.Ranking, interestsInto: scratch.InterestByTag);
            stages?.Reached(FeedStage.Ranked);
            if (click is not null) ranked = ClickRanker.Rank(ranked, catalog, ClickPersonOf(user, catalog, model), now, channel, click, ctrPriors);
            ranked = RecentlyShown.Demote(ranked, user.RecentlyShown, catalog, aside: scratch.Shown, shownSlots: scratch.ShownSlots);
            var chosen = MmrReranker.Select(ranked, count, settings.DiversityWeight, catalog, model, link, into: scratch.Chosen);
            stages?.Reached(FeedStage.Chosen);
            // A loop, not Select: the lambda captured seven locals, so a closure, a delegate and an iterator per feed.
            var feed = new List<RankedItem>(count);
            foreach (var c in chosen)
                feed.Add(new RankedItem(catalog.Entries[c.Entry].ItemId, Math.Round(c.Score, 6), reasons.For(c, catalog, pool, model, link, user.History, topics, user.Response.Known)));
            AddExploration(feed, chosen, scratch.InFeed, catalog, pool, user.UserId, now, count);
            return feed;
        }
        finally
        {
            if (buffer is not null) ArrayPool<float>.Shared.Return(buffer);
            if (userVector is not null) ArrayPool<float>.Shared.Return(userVector);
            FeedScratch.Return(scratch);
        }
    }

    /// <summary>Dense path: every model item scored from the history, then the best allowed ones pooled.</summary>
    private void ScoreAllItems(LiveModel model, ModelCatalogLink link, IReadOnlyList<string> history, float[] buffer, CandidatePool pool)
    {
        var scores = buffer.AsSpan(0, model.ItemIds.Count);
        var indices = ArrayPool<int>.Shared.Rent(history.Count);
        try { model.Scorer.ScoreHistory(indices.AsSpan(0, HistoryIndices(model, history, indices)), scores); }
        finally { ArrayPool<int>.Shared.Return(indices); }
        ModelCandidates.Collect(scores, link, settings.ModelCandidates, pool);
    }

    /// <summary>
    /// The mean of the input vectors of the person's history (the embedding model's user tower), in a pooled array of at
    /// least d floats (the caller returns it); the history's indices in a pooled one too (a list and two copies were made per feed).
    /// </summary>
    private static float[] UserVector(LiveModel model, ItemRetrieval retrieval, IReadOnlyList<string> history)
    {
        var vector = ArrayPool<float>.Shared.Rent(retrieval.Model.Dimensions);
        var indices = ArrayPool<int>.Shared.Rent(history.Count);
        try { retrieval.Model.UserVector(indices.AsSpan(0, HistoryIndices(model, history, indices)), vector.AsSpan(0, retrieval.Model.Dimensions)); }
        finally { ArrayPool<int>.Shared.Return(indices); }
        return vector;
    }

    /// <summary>Replaces the tail of a full-enough feed with under-exposed items (or appends when the feed came up short).</summary>
    /// <param name="inFeed">An empty set to hold the chosen slots (the feed's reused one).</param>
    private void AddExploration(List<RankedItem> feed, List<ScoredCandidate> chosen, HashSet<int> inFeed, CatalogSnapshot catalog, CandidatePool pool, string userId, DateTimeOffset now, int count)
    {
        if (settings.ExplorationSlots <= 0 || count < ExplorationSlot.MinimumFeedLength) return;
        foreach (var c in chosen) inFeed.Add(c.Entry);
        var picks = ExplorationSlot.Pick(catalog, pool, inFeed, userId, now, Math.Min(settings.ExplorationSlots, count / 2), settings.ExplorationMaxEvents);
        foreach (var entry in picks)
        {
            var item = new RankedItem(catalog.Entries[entry].ItemId, 0, Reasons.Exploration);
            if (feed.Count >= count) feed[count - 1 - picks.IndexOf(entry)] = item;
            else feed.Add(item);
        }
    }

    /// <summary>The person as the click model sees them (under <paramref name="model"/> when it is an embedding model); the same <see cref="ClickPerson.From"/> as the log replay.</summary>
    public static ClickPerson ClickPersonOf(FeedUser user, CatalogSnapshot catalog, LiveModel? model = null) =>
        ClickPerson.From(user.History.Count, user.LastSeen, user.History, id => catalog.Find(id)?.Tags, user.Response, model);

    /// <summary>The model indices of the history's items the model knows, in order, into <paramref name="into"/>; returns how many.</summary>
    private static int HistoryIndices(LiveModel model, IReadOnlyList<string> history, int[] into)
    {
        var found = 0;
        for (var i = 0; i < history.Count; i++)
            if (model.IndexOf(history[i]) is var m and >= 0) into[found++] = m;
        return found;
    }
}
