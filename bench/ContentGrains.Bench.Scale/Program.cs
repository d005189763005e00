using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Models;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Vectors;
using ContentGrains.Training.Embedding;

// Usage: ContentGrains.Bench.Scale [--sizes 10000,100000] [--users-per-item 1] [--events-per-user 20] [--epochs 5]
//        [--feeds 2000] [--commit SHA] [--out bench/results/scale.json]
// For each catalog size N: N × users-per-item people, each with events-per-user views of items of one of 100 topics
// (Zipf-like within the topic), the catalog's tags as the item side file. Trains the embedding kind (epochs as given:
// the live default is 80), writes the artifact, loads it as a silo does (ArtifactValidator, then the vector index from
// VectorIndexFactory), and times --feeds feeds of 20 through FeedPipeline with default settings on one thread.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .GroupBy(x => x.a[2..]).ToDictionary(g => g.Key, g => g.Last().i + 1 < args.Length ? args[g.Last().i + 1] : "");
var sizes = options.GetValueOrDefault("sizes", "10000,100000").Split(',').Select(int.Parse).ToArray();
var usersPerItem = double.Parse(options.GetValueOrDefault("users-per-item", "1"), System.Globalization.CultureInfo.InvariantCulture);
var eventsPerUser = int.Parse(options.GetValueOrDefault("events-per-user", "20"));
var epochs = int.Parse(options.GetValueOrDefault("epochs", "5"));
var feeds = int.Parse(options.GetValueOrDefault("feeds", "2000"));
var output = options.GetValueOrDefault("out", "bench/results/scale.json");
const int Topics = 100;

LiveModelTrainer.Register(EmbeddingModel.KindName, context => EmbeddingModels.For(context, new EmbeddingOptions { MaxEpochs = epochs }));
var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
var runs = new List<object>();
foreach (var n in sizes)
{
    var users = (int)(n * usersPerItem);
    var random = new Random(42);
    var items = Enumerable.Range(0, n).Select(i => (Id: $"item{i}", Tags: (IReadOnlyList<string>)[$"topic{i % Topics}"])).ToArray();
    var topicOf = Enumerable.Range(0, users).Select(_ => random.Next(Topics)).ToArray();
    var histories = new string[users][];
    var events = new List<Interaction>(users * eventsPerUser);
    for (var u = 0; u < users; u++)
    {
        histories[u] = Enumerable.Range(0, eventsPerUser).Select(_ => items[PickInTopic(random, topicOf[u], n)].Id).ToArray();
        foreach (var item in histories[u])
            events.Add(new Interaction($"e{events.Count}", $"u{u}", item, EventType.View, start.AddSeconds(events.Count), "web", 0, null, null));
    }

    GC.Collect();
    var clock = Stopwatch.StartNew();
    var (trained, report) = LiveModelTrainer.Train("feed", 1, start, events, EmbeddingModel.KindName, CatalogSideFile.From(items.Select(i => (i.Id, i.Tags))));
    var trainSeconds = clock.Elapsed.TotalSeconds;
    var artifact = trained.ToBytes();
    var record = new ModelVersion("feed", 1, report.Kind, start, report.EventsRead, report.Users, report.Items, report.Positives, report.Seconds,
        artifact.Length, null, null, report.Device, ArtifactChecksum.Of(artifact), VersionStatus.Accepted, "bench");
    trained = null!;
    events.Clear();
    events.TrimExcess();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();

    var (managedBefore, rssBefore) = (GC.GetTotalMemory(true), Environment.WorkingSet);
    clock.Restart();
    var check = ArtifactValidator.Validate("feed", 1, record, artifact);
    var model = check.Model ?? throw new InvalidOperationException(check.Problem);
    var loadSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    model.AttachRetrieval(ItemRetrieval.Build(model.Embedding!, new VectorIndexFactory()));
    var indexSeconds = clock.Elapsed.TotalSeconds;
    artifact = null!;
    var (managedAfter, rssAfter) = (GC.GetTotalMemory(true), Environment.WorkingSet);

    var catalog = new CatalogSnapshot(1, items.Select((i, k) => new CatalogEntry(i.Id, i.Tags, [], start.AddMinutes(-k % 10_000),
        default, 100, null)).ToList(), start, TimeSpan.FromDays(1));
    var pipeline = new FeedPipeline(new FeedSettings());
    FeedUser UserOf(int u) => new($"u{u}", [KeyValuePair.Create($"topic{topicOf[u]}", 3.0)], histories[u].ToHashSet(), histories[u].Reverse().Take(20).ToArray());
    for (var w = 0; w < 50; w++) pipeline.Build(catalog, model, UserOf(w % users), start, 20, null);
    var times = new double[feeds];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var f = 0; f < feeds; f++)
    {
        var user = UserOf(random.Next(users));
        var t = Stopwatch.GetTimestamp();
        pipeline.Build(catalog, model, user, start, 20, null);
        times[f] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    var allocatedPerFeed = (GC.GetAllocatedBytesForCurrentThread() - allocated) / feeds;
    Array.Sort(times);
    var run = new
    {
        items = n, users, events = report.EventsRead, positives = report.Positives, epochs, device = report.Device,
        trainSeconds = Math.Round(trainSeconds, 1),
        artifactMegabytes = Math.Round(record.Bytes / 1e6, 2),
        artifactBytesPerItem = Math.Round((double)record.Bytes / n, 1),
        loadAndValidateSeconds = Math.Round(loadSeconds, 2),
        index = model.Retrieval!.Index.GetType().Name,
        indexBuildSeconds = Math.Round(indexSeconds, 2),
        servedModelManagedMegabytes = Math.Round((managedAfter - managedBefore) / 1e6, 1),
        servedModelRssGrowthMegabytes = Math.Round((rssAfter - rssBefore) / 1e6, 1),
        processRssMegabytes = Math.Round(rssAfter / 1e6, 1),
        feedP50Ms = Math.Round(ContentGrains.Bench.Percentiles.OfSorted(times, 50), 3),
        feedP99Ms = Math.Round(ContentGrains.Bench.Percentiles.OfSorted(times, 99), 3),
        allocatedBytesPerFeed = allocatedPerFeed,
    };
    Console.WriteLine(JsonSerializer.Serialize(run));
    runs.Add(run);
    GC.KeepAlive(model);
}

var result = new
{
    benchmark = "scale: embedding kind trained live, loaded as a silo loads it, feeds through FeedPipeline",
    commit = options.GetValueOrDefault("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
    load = "shared build machine: other helpers were building and testing at the same time, so times are noisy upper bounds",
    feed = "one thread, 20 items, default FeedSettings (200 retrieved candidates, item-to-item of 10 recent items, tags, trending, fresh, MMR, exploration)",
    runs,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

// Items of a topic are i ≡ topic (mod 100); lower ranks within the topic are picked more often (squared uniform).
static int PickInTopic(Random random, int topic, int n)
{
    var perTopic = (n - topic + Topics - 1) / Topics;
    var rank = (int)(perTopic * random.NextDouble() * random.NextDouble());
    return topic + Topics * Math.Min(rank, perTopic - 1);
}
