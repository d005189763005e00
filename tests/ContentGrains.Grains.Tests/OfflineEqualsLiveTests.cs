using ContentGrains.Abstractions;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Models;
using ContentGrains.Testing;
using Xunit.Abstractions;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// Offline = live: a split's training events go into a test cluster through the ingest path, the trainer grain fits
/// the model from the event log, and every user's feed, asked through the user grains with diversity, exploration and
/// the non-model ranking weights at zero, is scored on the test split. The NDCG@10 must match the offline evaluation of
/// the same model on the same split within 0.005. Feeds leave out what the user consumed (their training items); the
/// offline protocol also leaves out validation items, so each feed asks for 10 + |valid| items and drops those.
/// </summary>
public sealed class OfflineEqualsLiveTests(ITestOutputHelper output)
{
    private const int K = 10;
    private const double Tolerance = 0.005;

    private static readonly FeedSettings ModelOnly = new()
    {
        InterestWeight = 0, PopularityWeight = 0, FreshnessWeight = 0, DiversityWeight = 0, ExplorationSlots = 0, ModelWeight = 1,
    };

    [Theory]
    [InlineData("ease")]
    [InlineData("itemknn")]
    [InlineData("hybrid")]
    [InlineData("bpr")] // a TorchSharp kind, registered by TrainingKinds.Register
    public async Task Generated_split_scores_the_same_live_as_offline(string kind)
    {
        var split = GeneratedSplit(users: 120, items: 80, seed: 7);
        var (offline, live) = await OfflineAndLiveAsync(split, kind);
        Assert.True(offline > 0.05, $"the generated data should be learnable (offline NDCG@10 {offline:F4})");
        Assert.InRange(live, offline - Tolerance, offline + Tolerance);
    }

    [Fact]
    public async Task Movielens_given_split_scores_the_same_live_as_offline()
    {
        var folder = RepositoryPaths.RequireSharedData("ml-100k-split", "ml-100k.train.inter");
        var (offline, live) = await OfflineAndLiveAsync(GivenSplit.Load(folder, "ml-100k"), "ease");
        Assert.InRange(offline, 0.3265, 0.3325); // RecBole's EASE: 0.3295
        Assert.InRange(live, offline - Tolerance, offline + Tolerance);
    }

    [Fact]
    public async Task Movielens_hybrid_trained_in_the_cluster_scores_the_same_live_as_offline()
    {
        var folder = RepositoryPaths.RequireSharedData("ml-100k-split", "ml-100k.train.inter");
        var (offline, live) = await OfflineAndLiveAsync(GivenSplit.Load(folder, "ml-100k"), "hybrid");
        Assert.True(offline > 0.3295, $"the live hybrid (hold-out ranker, no side files) should beat EASE: {offline:F4}");
        Assert.InRange(live, offline - Tolerance, offline + Tolerance);
    }

    private async Task<(double Offline, double Live)> OfflineAndLiveAsync(GivenSplit split, string kind)
    {
        var offline = kind is "hybrid" or "bpr" ? OfflineThroughTrainer(split, kind) : OfflineIndependent(split, kind);

        using var folder = new TempDirectory();
        // No held-out sample for the gate: the live model must train on exactly the offline model's events.
        await using var engine = await EngineCluster.StartAsync(folder, snapshotEveryEvents: 100_000, configure: o =>
        {
            o.Feed = ModelOnly;
            o.Training.HeldOutUsers = 0;
        });
        await LoadTrainingEventsAsync(engine.Grains, split);
        var trained = await TrainingJobs.TrainAsync(engine.Grains, kind);
        Assert.Equal((split.Train.Count, kind), (trained.Positives, trained.Kind));

        var live = await LiveNdcgAsync(engine.Grains, split);
        output.WriteLine($"{kind}: offline NDCG@{K} {offline:F4}, live {live:F4} ({split.UserCount} users, {split.ItemCount} items)");
        return (offline, live);
    }

    /// <summary>The model fit offline on the split's own indices, as `contentgrains evaluate` does.</summary>
    private static double OfflineIndependent(GivenSplit split, string kind)
    {
        IRecommenderModel model = kind == "ease" ? new EaseModel() : new ItemKnnModel();
        model.Fit(split.Train);
        return new FullRankingEvaluator(K).EvaluateTest(model, split).Metrics.Ndcg;
    }

    /// <summary>
    /// The trainer's own model (LiveModelTrainer on the same events, in the same order), evaluated offline by the
    /// full-ranking protocol. For the hybrid, whose hold-out and ALS start depend on the index order, this is "the same
    /// model": the live path must then not change its quality.
    /// </summary>
    private static double OfflineThroughTrainer(GivenSplit split, string kind)
    {
        var events = TrainingEvents(split, DateTimeOffset.UtcNow).Select(e => new Interaction(
            e.EventId!, e.UserId!, e.ItemId!, EventType.View, e.Timestamp!.Value, "web", 0, null, null));
        // The trainer grain reads the catalog's tags as the item side file; these items have none.
        var side = CatalogSideFile.From(Enumerable.Range(0, split.ItemCount).Select(i => (split.Items.IdOf(i), (IReadOnlyList<string>)[])));
        var (model, _) = LiveModelTrainer.Train("offline", 1, DateTimeOffset.UtcNow, events, kind, side);
        var toSplit = model.ItemIds.Select(id => split.Items.TryGetIndex(id, out var i) ? i : -1).ToArray();
        var buffer = new float[model.ItemIds.Count];
        void Score(int user, Span<float> scores)
        {
            var history = split.Train.ItemsOf(user).ToArray().Select(i => model.IndexOf(split.Items.IdOf(i))).Where(m => m >= 0).ToArray();
            model.Scorer.ScoreHistory(history, buffer);
            scores.Fill(float.MinValue); // items the log never saw rank last, as they cannot be served live
            for (var m = 0; m < buffer.Length; m++) scores[toSplit[m]] = buffer[m];
        }
        return new FullRankingEvaluator(K).Evaluate(Score, split.Test, [split.Train, split.Valid]).Metrics.Ndcg;
    }

    private static async Task LoadTrainingEventsAsync(IGrainFactory grains, GivenSplit split)
    {
        var items = Enumerable.Range(0, split.ItemCount)
            .Select(i => new ItemUpsert(split.Items.IdOf(i), new ItemMetadata { Title = $"item {split.Items.IdOf(i)}" })).ToList();
        foreach (var batch in items.Chunk(ContentGrainsNames.MaxItemsPerBatch))
            Assert.Equal(batch.Length, (await grains.GetGrain<IItemImportGrain>(0).PutManyAsync(batch)).Stored);

        var events = TrainingEvents(split, DateTimeOffset.UtcNow.AddHours(-1)).ToList();
        var ingest = grains.GetGrain<IIngestGrain>(0);
        foreach (var batch in events.Chunk(ContentGrainsNames.MaxEventsPerBatch))
            Assert.Equal(batch.Length, (await ingest.IngestAsync(batch)).Accepted);
    }

    /// <summary>One view per training pair, user by user: the order the log keeps and the trainer reads.</summary>
    private static IEnumerable<InteractionEvent> TrainingEvents(GivenSplit split, DateTimeOffset at)
    {
        for (var u = 0; u < split.UserCount; u++)
            foreach (var i in split.Train.ItemsOf(u).ToArray())
                yield return new InteractionEvent
                {
                    EventId = $"{u}-{i}", UserId = split.Users.IdOf(u), ItemId = split.Items.IdOf(i), Type = "view", Timestamp = at, Channel = "web",
                };
    }

    private static async Task<double> LiveNdcgAsync(IGrainFactory grains, GivenSplit split)
    {
        var users = Enumerable.Range(0, split.UserCount).Where(u => split.Test.CountOf(u) > 0).ToList();
        var total = 0.0;
        foreach (var chunk in users.Chunk(64))
        {
            var feeds = await Task.WhenAll(chunk.Select(u =>
                grains.GetGrain<IUserGrain>(split.Users.IdOf(u)).GetFeedAsync(K + split.Valid.CountOf(u), channel: null)));
            for (var n = 0; n < chunk.Length; n++)
            {
                var u = chunk[n];
                var ranked = feeds[n].Items
                    .Select(item => split.Items.TryGetIndex(item.ItemId, out var i) ? i : -1)
                    .Where(i => i >= 0 && !split.Valid.Contains(u, i))
                    .Take(K).ToArray();
                var relevant = split.Test.ItemsOf(u).ToArray().ToHashSet();
                total += RankingMetrics.ForUser(ranked, relevant, K).Ndcg;
            }
        }
        return total / users.Count;
    }

    /// <summary>
    /// Users in four taste groups, each liking mostly its own quarter of the items (plus some noise), split per user
    /// 8:1:1 at random as RecBole's RS split does (valid and test get floor(n/10) each).
    /// </summary>
    private static GivenSplit GeneratedSplit(int users, int items, int seed)
    {
        var random = new Random(seed);
        var userIds = new IdMap();
        var itemIds = new IdMap();
        for (var i = 0; i < items; i++) itemIds.GetOrAdd($"i{i}");
        var train = new List<(int, int)>();
        var valid = new List<(int, int)>();
        var test = new List<(int, int)>();
        for (var u = 0; u < users; u++)
        {
            var user = userIds.GetOrAdd($"u{u}");
            var group = u % 4;
            var liked = Enumerable.Range(0, items)
                .Where(i => random.NextDouble() < (i * 4 / items == group ? 0.45 : 0.04))
                .OrderBy(_ => random.Next()).ToList();
            var held = liked.Count / 10;
            for (var n = 0; n < liked.Count; n++)
                (n < held ? valid : n < 2 * held ? test : train).Add((user, liked[n]));
        }
        InteractionSet Set(List<(int, int)> pairs) => InteractionSet.FromPairs(userIds.Count, itemIds.Count, pairs);
        return GivenSplit.FromSets(userIds, itemIds, Set(train), Set(valid), Set(test));
    }
}
