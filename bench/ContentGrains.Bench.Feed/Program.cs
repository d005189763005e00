using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Core.Catalog;
using ContentGrains.Core.Data;
using ContentGrains.Core.Evaluation;
using ContentGrains.Core.Events;
using ContentGrains.Core.Feed;
using ContentGrains.Core.Live;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Text;
using ContentGrains.Core.Topics;
using ContentGrains.Inference.Text;

// Usage: ContentGrains.Bench.Feed [--data DIR] [--dataset NAME] [--kind ease] [--out F; default bench/results/feed-ml-100k[-KIND].json] [--topics]
// --topics: also fits the served topics over the items' MiniLM title vectors (as the topics grain does over the stored
// text vectors) and runs the default and model-free settings with topic candidates and topic match (…+topics).
// Loads a given split, trains the live model on its training part as the trainer grain would, builds each user's live
// profile from their training events and asks the pipeline for every user's feed: once with the engine's default
// settings and once with the model alone. Prints and writes the compute time per feed and NDCG@10 on the test split.
// An option given twice takes its last value, as the shell script's defaults come first.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .GroupBy(x => x.a[2..]).ToDictionary(g => g.Key, g => g.Last().i + 1 < args.Length ? args[g.Last().i + 1] : "");
var folder = options.GetValueOrDefault("data", "../shared/data/ml-100k-split");
var dataset = options.GetValueOrDefault("dataset", "ml-100k");
var kind = options.GetValueOrDefault("kind", "ease");
// Each kind has its own file, so `--kind hybrid` never overwrites the EASE figures.
var output = options.GetValueOrDefault("out", kind == "ease" ? $"bench/results/feed-{dataset}.json" : $"bench/results/feed-{dataset}-{kind}.json");
const int K = 10;

var split = GivenSplit.Load(folder, dataset);
var now = DateTimeOffset.UtcNow;
var events = TrainingEvents(split, now.AddHours(-1)).ToList();
var (model, report) = LiveModelTrainer.Train("bench", 1, now, events, kind);
var catalog = Catalog(split, Path.Combine(folder, dataset + ".item"), now);
var users = Profiles(split, events, catalog, now);
var topics = options.ContainsKey("topics") ? FitTopics(catalog, now) : null;
if (topics is not null) users = WithTopics(users, events, split, topics, now);
Console.WriteLine($"{dataset}: {split.UserCount} users, {split.ItemCount} items; {report.Kind} trained in {report.Seconds:F2} s");

if (options.ContainsKey("sweep"))
{
    // Chooses the default non-model weights on the VALIDATION split (history = train, relevant = valid items).
    foreach (var interest in new[] { 0.0, 0.1, 0.25, 0.5, 1.0 })
    foreach (var popularity in new[] { 0.0, 0.1, 0.25, 0.5 })
    foreach (var diversity in new[] { 0.0, 0.05, 0.1 })
    {
        var pipeline = new FeedPipeline(new FeedSettings { ModelWeight = 2, InterestWeight = interest, PopularityWeight = popularity, DiversityWeight = diversity, ExplorationSlots = 0 });
        double sum = 0;
        var n = 0;
        for (var u = 0; u < split.UserCount; u++)
        {
            if (split.Valid.CountOf(u) == 0) continue;
            var ranked = pipeline.Build(catalog, model, users[u], now, K, null)
                .Select(f => split.Items.TryGetIndex(f.ItemId, out var i) ? i : -1).ToArray();
            sum += RankingMetrics.ForUser(ranked, split.Valid.ItemsOf(u).ToArray().ToHashSet(), K).Ndcg;
            n++;
        }
        Console.WriteLine($"interest {interest,-4} popularity {popularity,-4} diversity {diversity,-4}: valid NDCG@10 {sum / n:F4}");
    }
    return;
}

var results = new Dictionary<string, object>();
var variants = new List<(string, FeedSettings)>
{
    ("default", new FeedSettings()),
    ("model-only", new FeedSettings { InterestWeight = 0, PopularityWeight = 0, FreshnessWeight = 0, DiversityWeight = 0, ExplorationSlots = 0 }),
};
if (topics is not null) variants.AddRange([("default+topics", new FeedSettings()), ("no-model", new FeedSettings()), ("no-model+topics", new FeedSettings())]);
if (options.ContainsKey("variants")) // where the time goes: the default minus one stage at a time
    variants.AddRange([
        ("no-mmr", new FeedSettings { DiversityWeight = 0 }),
        ("no-exploration", new FeedSettings { ExplorationSlots = 0 }),
        ("no-catalog-sources", new FeedSettings { TopInterestTags = 0, PopularCandidates = 0, FreshCandidates = 0 }),
        ("no-item-to-item", new FeedSettings { RecentItemsForSimilar = 0 }),
        ("model-50", new FeedSettings { ModelCandidates = 50 }),
    ]);
foreach (var (name, settings) in variants)
{
    var pipeline = new FeedPipeline(settings);
    var servedTopics = name.EndsWith("+topics", StringComparison.Ordinal) ? topics : null;
    var servedModel = name.StartsWith("no-model", StringComparison.Ordinal) ? null : model;
    for (var round = 0; round < 3; round++) // warm-up: JIT tiers and the catalog link
    foreach (var u in Enumerable.Range(0, split.UserCount))
        pipeline.Build(catalog, servedModel, users[u], now, K, null, topics: servedTopics);

    // Timing: one feed of K items per user, as a client asks for it.
    var micros = new List<double>(split.UserCount);
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var u = 0; u < split.UserCount; u++)
    {
        var clock = Stopwatch.GetTimestamp();
        pipeline.Build(catalog, servedModel, users[u], now, K, null, topics: servedTopics);
        micros.Add(Stopwatch.GetElapsedTime(clock).TotalMicroseconds);
    }
    var bytesPerFeed = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)split.UserCount;

    // Quality: K + |valid| items, validation items dropped, scored on the test split as the offline protocol does.
    double ndcg = 0;
    var scored = 0;
    for (var u = 0; u < split.UserCount; u++)
    {
        if (split.Test.CountOf(u) == 0) continue;
        var feed = pipeline.Build(catalog, servedModel, users[u], now, K + split.Valid.CountOf(u), null, topics: servedTopics);
        var ranked = feed.Select(f => split.Items.TryGetIndex(f.ItemId, out var i) ? i : -1)
            .Where(i => i >= 0 && !split.Valid.Contains(u, i)).Take(K).ToArray();
        ndcg += RankingMetrics.ForUser(ranked, split.Test.ItemsOf(u).ToArray().ToHashSet(), K).Ndcg;
        scored++;
    }
    micros.Sort();
    double P(double q) => ContentGrains.Bench.Percentiles.OfSorted(micros, q * 100);
    var figures = new Dictionary<string, double>
    {
        ["ndcg@10"] = Math.Round(ndcg / scored, 4),
        ["meanMicroseconds"] = Math.Round(micros.Average(), 1),
        ["p50Microseconds"] = Math.Round(P(0.50), 1),
        ["p95Microseconds"] = Math.Round(P(0.95), 1),
        ["p99Microseconds"] = Math.Round(P(0.99), 1),
        ["kilobytesAllocatedPerFeed"] = Math.Round(bytesPerFeed / 1024, 1),
    };
    results[name] = figures;
    Console.WriteLine($"{name,-10} NDCG@10 {figures["ndcg@10"]:F4}  per feed: mean {figures["meanMicroseconds"]} µs, p50 {figures["p50Microseconds"]}, " +
                      $"p95 {figures["p95Microseconds"]}, p99 {figures["p99Microseconds"]} µs, {figures["kilobytesAllocatedPerFeed"]} KiB allocated");
}

var document = new Dictionary<string, object>
{
    ["dataset"] = dataset,
    ["model"] = report.Kind,
    ["items"] = split.ItemCount,
    ["users"] = split.UserCount,
    ["feedLength"] = $"timed: {K}; scored: {K} + the user's validation items, which are dropped before scoring as the offline protocol excludes them",
    ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
    ["measuredAt"] = now.ToString("O", CultureInfo.InvariantCulture),
    ["commit"] = options.GetValueOrDefault("commit", "unknown"),
    ["load"] = options.GetValueOrDefault("load", "unknown") + " (load average when started; the machine is shared, so times are noisy)",
    ["settings"] = results,
};
if (topics is not null)
    document["topics"] = new { k = topics.Count, method = topics.Topics.Method, chosenBy = topics.Topics.KChosenBy, names = topics.Topics.Topics.Select(t => t.Name) };
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
Console.WriteLine($"wrote {output}");

static IEnumerable<Interaction> TrainingEvents(GivenSplit split, DateTimeOffset at)
{
    for (var u = 0; u < split.UserCount; u++)
        foreach (var i in split.Train.ItemsOf(u).ToArray())
            yield return new Interaction($"{u}-{i}", split.Users.IdOf(u), split.Items.IdOf(i), EventType.View, at, "web", 0, null, null);
}

// The catalog as the live engine would hold it after an import: titles and genres from NAME.item, popularity from
// the training events (one view each).
static CatalogSnapshot Catalog(GivenSplit split, string itemFile, DateTimeOffset now)
{
    var file = File.Exists(itemFile) ? AtomicFile.Read(itemFile) : null;
    var counts = split.Train.ItemCounts();
    var entries = new List<CatalogEntry>(split.ItemCount);
    var meta = new Dictionary<string, (string? Title, string[] Tags)>(StringComparer.Ordinal);
    if (file is not null)
    {
        var (id, title, genres) = (file.ColumnOf("item_id"), file.ColumnOf("movie_title"), file.ColumnOf("class"));
        foreach (var row in file.Rows)
            meta[row[id]] = (title >= 0 ? row[title] : null, genres >= 0 ? row[genres].ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries) : []);
    }
    for (var i = 0; i < split.ItemCount; i++)
    {
        var itemId = split.Items.IdOf(i);
        var (title, tags) = meta.GetValueOrDefault(itemId, (null, []));
        var trend = new DecayingValue { Value = counts[i], AsOfUnixMs = now.ToUnixTimeMilliseconds() };
        entries.Add(new CatalogEntry(itemId, tags, [], null, trend, counts[i], title));
    }
    return new CatalogSnapshot(1, entries, now, TimeSpan.FromDays(1));
}

// Each user's live profile from their training events, with the item tags the ingest path would pass along.
static FeedUser[] Profiles(GivenSplit split, List<Interaction> events, CatalogSnapshot catalog, DateTimeOffset now)
{
    var updater = new ProfileUpdater(new ProfileSettings());
    var profiles = new UserProfile[split.UserCount];
    for (var u = 0; u < profiles.Length; u++) profiles[u] = new UserProfile();
    foreach (var e in events)
    {
        split.Users.TryGetIndex(e.UserId, out var u);
        updater.Apply(profiles[u], e, catalog.Find(e.ItemId)?.Tags ?? []);
    }
    return Enumerable.Range(0, profiles.Length).Select(u => updater.FeedUserAt(split.Users.IdOf(u), profiles[u], now)).ToArray();
}

// The served topics as the topics grain fits them: MiniLM vectors of each item's text (the title here: MovieLens has
// no other text), words from title and tags (genres), the engine's default options.
static TopicBook FitTopics(CatalogSnapshot catalog, DateTimeOffset now)
{
    using var minilm = new MiniLmTextEncoder(threads: Math.Max(1, Environment.ProcessorCount));
    var entries = catalog.Entries.Where(e => !string.IsNullOrWhiteSpace(e.Title)).ToList();
    var vectors = minilm.Encode(entries.Select(e => ItemText.For(e.Title, null)!).ToList());
    var documents = entries.Select((e, i) => new TopicDocument(e.ItemId, vectors[i], TopicWords.Of(string.Join(' ', [e.Title!, .. e.Tags])))).ToList();
    var fitted = new CatalogTopicFitter(new CatalogTopicOptions()).Fit(documents, now);
    Console.WriteLine($"topics: k = {fitted.Topics.Count} by {fitted.KChosenBy}: {string.Join(" | ", fitted.Topics.Select(t => t.Name))}");
    return new TopicBook(fitted, 1);
}

// Each user's topic interests from their training events, as the user grain keeps them live.
static FeedUser[] WithTopics(FeedUser[] users, List<Interaction> events, GivenSplit split, TopicBook topics, DateTimeOffset now)
{
    var live = new LiveTopicInterests(new ProfileSettings().InterestHalfLife);
    var interests = users.Select(_ => new TopicInterests { ModelVersion = topics.Version }).ToArray();
    foreach (var e in events)
    {
        split.Users.TryGetIndex(e.UserId, out var u);
        live.Apply(interests[u], topics, e);
    }
    return users.Select((user, u) => user with { Topics = interests[u].At(topics.Version, now, new ProfileSettings().InterestHalfLife) }).ToArray();
}
