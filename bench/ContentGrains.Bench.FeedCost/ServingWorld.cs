using ContentGrains.Core.Catalog;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Live;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Bench.FeedCost;

/// <summary>
/// What a silo holds when it serves feeds for a catalog of N items: the catalog view (bounded orderings, as the silo
/// builds it), an embedding model whose item vectors cluster by topic (100 topics, item i in topic i mod 100, a topic
/// centre plus noise, rounded to f16 as a trained model is), its vector index from the host's builder, and people whose
/// profiles ProfileUpdater built from views and likes inside one topic (skewed to the topic's first items, so recent
/// items' neighbours are often already seen, as in real co-watching). With impressions per person, each person was also
/// shown that many items over the same hours (half from their topic, half anywhere), so their feeds rank by their
/// response to tags (<see cref="TagResponse"/>) and move the lately shown back, as for people on a platform that logs
/// impressions; they are drawn from a generator of their own, so the world without them is the one it always was.
/// </summary>
internal sealed class ServingWorld
{
    public const int Topics = 100;
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly UserProfile[] profiles;
    private readonly int[] topicOf;

    public ServingWorld(int items, int people, int eventsPerPerson, int dimensions, IVectorIndexBuilder indexBuilder, int seed = 42, int impressionsPerPerson = 0)
    {
        var random = new Random(seed);
        Catalog = BuildCatalog(items, random);
        Model = BuildModel(items, dimensions, indexBuilder, random);
        Updater = new ProfileUpdater(new ProfileSettings());
        profiles = new UserProfile[people];
        topicOf = new int[people];
        for (var p = 0; p < people; p++) profiles[p] = Profile(p, items, eventsPerPerson, random);
        for (var p = 0; p < people && impressionsPerPerson > 0; p++) AddImpressions(p, items, eventsPerPerson, impressionsPerPerson, new Random(seed + 7_919 * (p + 1)));
    }

    public CatalogSnapshot Catalog { get; }
    public LiveModel Model { get; }
    public ProfileUpdater Updater { get; }
    public int People => profiles.Length;

    public UserProfile ProfileOf(int person) => profiles[person];

    public static string ItemId(int item) => $"item{item:D7}";

    private static CatalogSnapshot BuildCatalog(int items, Random random)
    {
        var view = new CatalogView(TimeSpan.FromDays(1), new CatalogViewSettings());
        var webOnly = new[] { "web" };
        for (var i = 0; i < items; i++)
        {
            var trend = new DecayingValue { Value = 1_000.0 / (1 + random.Next(100_000)), AsOfUnixMs = Now.AddMinutes(-random.Next(1_440)).ToUnixTimeMilliseconds() };
            var events = random.Next(100) < 20 ? random.Next(20) : 20 + random.Next(500); // a fifth under-exposed
            view.Apply(new CatalogEntry(ItemId(i), [$"topic{i % Topics}"], random.Next(10) < 3 ? webOnly : [],
                Now.AddMinutes(-random.Next(365 * 1_440)), trend, events, $"Item {i}"));
        }
        return view.Publish(Now);
    }

    private static LiveModel BuildModel(int items, int d, IVectorIndexBuilder indexBuilder, Random random)
    {
        var centres = new float[Topics * d];
        for (var k = 0; k < centres.Length; k++) centres[k] = Gaussian(random);
        var vectors = new float[items * d];
        for (var i = 0; i < items; i++)
            for (var k = 0; k < d; k++) vectors[i * d + k] = (centres[i % Topics * d + k] + 0.7f * Gaussian(random)) / MathF.Sqrt(d);
        var tower = new EmbeddingTower(d, vectors, [], []);
        var embedding = EmbeddingModel.FromTowers(new EmbeddingTowers(tower, tower), ItemMetadata.None(items));
        var model = new LiveModel("feed", 1, Now.AddDays(-1), Enumerable.Range(0, items).Select(ItemId).ToArray(), embedding, similarity: null);
        model.AttachRetrieval(ItemRetrieval.Build(embedding, indexBuilder));
        return model;
    }

    private UserProfile Profile(int person, int items, int events, Random random)
    {
        var profile = new UserProfile();
        var topic = random.Next(Topics);
        topicOf[person] = topic;
        var perTopic = (items - topic + Topics - 1) / Topics;
        for (var e = 0; e < events; e++)
        {
            var rank = (int)(perTopic * random.NextDouble() * random.NextDouble());
            var item = topic + Topics * Math.Min(rank, perTopic - 1);
            var type = random.Next(5) == 0 ? EventType.Like : EventType.View;
            var at = Now.AddHours(-events + e).AddSeconds(random.Next(3_600));
            Updater.Apply(profile, new Interaction($"e{person}-{e}", $"u{person}", ItemId(item), type, at, "web", 0, null, null),
                [$"topic{item % Topics}"]);
        }
        return profile;
    }

    /// <summary>Impressions spread over the hours of the person's events (the last ones within the hour before their latest).</summary>
    private void AddImpressions(int person, int items, int events, int impressions, Random random)
    {
        var (profile, topic) = (profiles[person], topicOf[person]);
        var perTopic = (items - topic + Topics - 1) / Topics;
        for (var e = 0; e < impressions; e++)
        {
            var item = random.Next(2) == 0 ? topic + Topics * random.Next(perTopic) : random.Next(items);
            var at = Now.AddHours(-events + (double)e * events / impressions).AddSeconds(random.Next(3_600));
            Updater.Apply(profile, new Interaction($"i{person}-{e}", $"u{person}", ItemId(item), EventType.Impression, at, "web", 0, null, null),
                [$"topic{item % Topics}"]);
        }
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
