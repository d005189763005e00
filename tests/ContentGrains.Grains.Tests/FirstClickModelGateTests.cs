using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Click;
using ContentGrains.Storage;
using ContentGrains.Testing;
using ContentGrains.Training.Click;
using Microsoft.Data.Sqlite;

namespace ContentGrains.Grains.Tests;

/// <summary>
/// The gate on a first click model, through a whole click run on the embedded store (SQLite log and registry,
/// TorchSharp fit, ONNX Runtime scoring): with no champion, the model has to beat the weighted ranking that serves
/// without it on the held-out feeds, or it is stored as rejected with the reason.
/// </summary>
public sealed class FirstClickModelGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory folder = new();

    public FirstClickModelGateTests() => SchemaInstaller.ApplySqlite(folder.SqliteConnectionString);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Fact]
    public async Task A_click_model_trained_on_noise_is_rejected_when_no_champion_exists()
    {
        // Every shown item is clicked 10 % of the time, whatever the item, the person or the slot.
        var outcome = await RunAsync(seed: 1, clickChance: (_, _, _) => 0.10);

        Assert.False(outcome.Decision.Accepted, outcome.Decision.Reason);
        Assert.Equal(VersionStatus.Rejected, outcome.Version.Status);
        Assert.StartsWith("no champion; does not beat heuristic-v1 (AUC ", outcome.Decision.Reason);
        Assert.Contains(outcome.Decision.Reason, outcome.Version.Reason);
    }

    [Fact]
    public async Task A_click_model_that_learns_what_the_weighted_ranking_cannot_see_is_accepted()
    {
        // Items i0-i11 are shown four times as often as i12-i23 and clicked 8 % of the time against 32 %, so both halves
        // gather clicks alike: the click model reads impressions and CTR, the weighted ranking counts clicks, and the
        // items' tags (parity) and ages (id mod 5) say nothing of the halves. Position says nothing either: the gate
        // judges a model at the slot the live feed scores at.
        var outcome = await RunAsync(seed: 2, clickChance: (_, item, _) => item < 12 ? 0.08 : 0.32, oftenShown: 12);

        Assert.True(outcome.Decision.Accepted, outcome.Decision.Reason);
        Assert.StartsWith("no champion; beats heuristic-v1 (AUC ", outcome.Decision.Reason);
        // Knowing each item's half perfectly gives AUC 0.67 here (clicks fall half in each, misses 84 % on the often shown).
        Assert.True(outcome.Version.Metrics.Auc > 0.6, $"AUC {outcome.Version.Metrics.Auc}");
    }

    [Fact]
    public async Task A_click_model_learns_from_the_embedding_score_of_the_feed_model_in_force()
    {
        // Even people take the first 12 items (40 %), odd people the last 12; anything else 3 %. Every item is as popular
        // as any other and tags say nothing of the blocks: only the embedding model, whose vectors are the blocks, tells
        // a person's block from the other, once they have clicked in it.
        double Chance(int slot, int item, int person) => (item < 12) == (person % 2 == 0) ? 0.40 : 0.03;
        // The feed registry's v1, stored with a data window that ended before the first feed: in force for every feed.
        var feedModel = BlockEmbedding();
        var bytes = feedModel.ToBytes();
        var store = SqlModelStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
        await store.SaveAsync(new ModelVersion("default", 1, EmbeddingModel.KindName, Start, 100, 40, 24, 50, 0.1, bytes.Length,
            new LogWindow(1, 100, Start.AddDays(-2), Start.AddMinutes(-1)), Sha256: ArtifactChecksum.Of(bytes)), bytes);

        var with = await RunAsync(seed: 3, Chance, await FeedModelHistory.FromStoreAsync(store, "default", CancellationToken.None));
        var without = await RunAsync(seed: 3, Chance, feedModels: null, version: 2);

        // The weighted ranking the gate compares with reads the same score (the model's part of what served), so the click
        // model is judged against a ranking that knows the blocks too.
        Assert.True(RankingGroupAuc(with) > 0.7, with.Decision.Reason);
        Assert.True(RankingGroupAuc(without) < 0.6, without.Decision.Reason);
        Assert.Contains("embedding scores in force at each feed from v1", with.Version.Reason);
        Assert.DoesNotContain("embedding scores", without.Version.Reason);
        Assert.True(with.Version.Metrics.Auc > 0.75, $"AUC with the embedding score {with.Version.Metrics.Auc}");
        Assert.True(without.Version.Metrics.Auc < with.Version.Metrics.Auc - 0.1,
            $"AUC without {without.Version.Metrics.Auc}, with {with.Version.Metrics.Auc}");
    }

    /// <summary>The weighted ranking's group AUC on the held-out feeds, as the gate's reason states it.</summary>
    private static double RankingGroupAuc(TrainingOutcome outcome) => double.Parse(
        System.Text.RegularExpressions.Regex.Match(outcome.Decision.Reason, @"heuristic-v1 \(AUC [0-9.]+, group AUC ([0-9.]+)").Groups[1].Value,
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An embedding model of the 24 items whose vectors (input = output) are their block: (1, 0) for i0–i11, (0, 1) for i12–i23.</summary>
    private static LiveModel BlockEmbedding()
    {
        var ids = Enumerable.Range(0, 24).Select(i => $"i{i}").ToArray();
        var vectors = Enumerable.Range(0, 24).SelectMany(i => i < 12 ? new[] { 1f, 0f } : [0f, 1f]).ToArray();
        var tower = new EmbeddingTower(2, vectors, [], []);
        return new LiveModel("default", 1, Start, ids, EmbeddingModel.FromTowers(new EmbeddingTowers(tower, tower), ItemMetadata.None(ids.Length)), similarity: null);
    }

    /// <summary>
    /// 40 people, each shown a feed of 8 of 24 items every hour for a day; clicks drawn with <paramref name="clickChance"/>(slot,
    /// item, person); <paramref name="feedModels"/> is the feed registry's history the run reads embedding scores from. Items
    /// below <paramref name="oftenShown"/> are drawn four times as often as the rest (0: all alike).
    /// </summary>
    private async Task<TrainingOutcome> RunAsync(int seed, Func<int, int, int, double> clickChance, FeedModelHistory? feedModels = null, long version = 1,
        int oftenShown = 0)
    {
        await using var log = new SqliteEventLog(folder.SqliteConnectionString, new SqliteWriteGate());
        var store = SqlModelStore.Sqlite(folder.SqliteConnectionString, new SqliteWriteGate());
        var random = new Random(seed);
        var events = new List<Interaction>();
        for (var hour = 0; hour < 24; hour++)
            for (var person = 0; person < 40; person++)
            {
                var at = Start.AddHours(hour).AddSeconds(person);
                for (var slot = 0; slot < 8; slot++)
                {
                    var pick = random.Next(24 + 3 * oftenShown);
                    var item = pick < 4 * oftenShown ? pick / 4 : pick - 3 * oftenShown;
                    var id = $"h{hour}-u{person}-s{slot}";
                    events.Add(new Interaction(id + "-impression", $"u{person}", $"i{item}", EventType.Impression, at, "web", 0, null, null));
                    if (random.NextDouble() < clickChance(slot, item, person))
                        events.Add(new Interaction(id + "-click", $"u{person}", $"i{item}", EventType.Click, at.AddSeconds(10 + slot), "web", 0, null, null));
                }
            }
        if (await log.CountAsync() == 0) await log.AppendAsync(events.OrderBy(e => e.Timestamp).ToList()); // a second run reads the same log

        var settings = new TrainingSettings(MemoryBoundBytes: 64 << 20, HeldOutUsers: 50, HeldOutMinPositives: 1, GateTolerance: 0.01);
        var run = new ClickTrainingRun(log, store, settings, new TorchClickModelTrainer(), new OnnxClickModelLoader());
        var request = new ClickTrainingRequest("click", version, Start.AddDays(2),
            id => ([int.Parse(id[1..]) % 2 == 0 ? "even" : "odd"], Start.AddDays(-(int.Parse(id[1..]) % 5))), ChampionVersion: null, FeedModels: feedModels);
        return await run.RunAsync(request, new TrainingProgress(), CancellationToken.None);
    }
}
