using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Bench.Scale;
using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Vectors;
using ContentGrains.Training.Embedding;

// Usage: ContentGrains.Bench.Scale [--sizes 10000,100000] [--users-per-item 1] [--events-per-user 20] [--epochs 5]
//        [--example-budget N] [--batch-users 64] [--threads 1] [--connectivity 16] [--expansion-add 64]
//        [--expansion-search 64] [--feeds 2000] [--click-feeds 20000] [--commit SHA] [--out bench/results/scale.json]
// For each catalog size N: N × users-per-item people, each with events-per-user views of items of one of 100 topics
// (SyntheticWorld), the catalog's tags as the item side file. Trains the embedding kind (epochs and budget as given:
// the live default is 80 epochs), writes the artifact, then in a second process (so its memory is a silo's) loads it
// as a silo does (ArtifactValidator, then the vector index), times feeds of 20 through FeedPipeline on one thread and
// measures the index's recall@10 against the exact scan (ServedModelProbe). Then trains the live click model on a
// generated, bounded sample of shown feeds (ClickSample: the synthetic log has no impressions).
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .GroupBy(x => x.a[2..]).ToDictionary(g => g.Key, g => g.Last().i + 1 < args.Length ? args[g.Last().i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var eventsPerUser = Int("events-per-user", 20);
var feeds = Int("feeds", 2000);
var clickFeeds = Int("click-feeds", 20_000);
var hnsw = new HnswOptions
{
    Connectivity = Int("connectivity", 16), ExpansionAdd = Int("expansion-add", 64), ExpansionSearch = Int("expansion-search", 64),
};
// Catalogs from this many items get the graph instead of the clustered index (ClusteredIndexOptions.BelowItems).
var clustered = new ClusteredIndexOptions { BelowItems = Int("clustered-below", new ClusteredIndexOptions().BelowItems) };

if (options.TryGetValue("serve", out var servePath))
{
    // The child process: only the served model, as a silo holds it.
    var record = new ModelVersion("feed", 1, EmbeddingModel.KindName, SyntheticWorld.Start, 0, 0, Int("record-items", 0), 0, 0,
        new FileInfo(servePath).Length, null, null, "cpu", options["sha256"], VersionStatus.Accepted, "bench");
    var shape = new SyntheticWorldShape(Int("items", 0), Int("users", 0), eventsPerUser);
    Console.WriteLine(JsonSerializer.Serialize(ServedModelProbe.Run(servePath, record, shape, hnsw, clustered, feeds)));
    return;
}

var sizes = options.GetValueOrDefault("sizes", "10000,100000").Split(',').Select(int.Parse).ToArray();
var usersPerItem = double.Parse(options.GetValueOrDefault("users-per-item", "1"), CultureInfo.InvariantCulture);
var embedding = new EmbeddingOptions
{
    MaxEpochs = Int("epochs", 5), BatchUsers = Int("batch-users", 64), Threads = Int("threads", 1),
    ExampleBudget = options.TryGetValue("example-budget", out var budget) ? long.Parse(budget, CultureInfo.InvariantCulture) : long.MaxValue,
};
var output = options.GetValueOrDefault("out", "bench/results/scale.json");
LiveModelTrainer.Register(EmbeddingModel.KindName, context => EmbeddingModels.For(context, embedding));

var runs = new List<object>();
foreach (var n in sizes)
{
    var world = new SyntheticWorld(n, (int)(n * usersPerItem), eventsPerUser);
    GC.Collect();
    var clock = Stopwatch.StartNew();
    var (trained, report) = LiveModelTrainer.Train("feed", 1, SyntheticWorld.Start, world.Events(), EmbeddingModel.KindName,
        CatalogSideFile.From(world.CatalogItems()));
    var trainSeconds = clock.Elapsed.TotalSeconds;
    var trainingPeakRss = Process.GetCurrentProcess().PeakWorkingSet64;
    var artifact = trained.ToBytes();
    var fit = trained.Embedding?.LastFit;
    trained = null!;
    var run = new Dictionary<string, object?>
    {
        ["items"] = n, ["users"] = world.Users, ["events"] = report.EventsRead, ["positives"] = report.Positives,
        ["epochsRun"] = fit?.EpochsRun, ["examplesTrained"] = fit?.ExamplesTrained, ["rowUpdates"] = fit?.RowUpdates,
        ["batchUsers"] = embedding.BatchUsers, ["threads"] = embedding.Threads, ["device"] = report.Device,
        ["trainSeconds"] = Math.Round(trainSeconds, 1),
        ["fitSeconds"] = fit is null ? null : Math.Round(fit.Elapsed.TotalSeconds, 1),
        ["fitProcessorSeconds"] = fit is null ? null : Math.Round(fit.ProcessorTime.TotalSeconds, 1),
        ["trainingProcessPeakRssMegabytes"] = Math.Round(trainingPeakRss / 1e6, 1),
        ["artifactMegabytes"] = Math.Round(artifact.Length / 1e6, 2),
        ["artifactBytesPerItem"] = Math.Round((double)artifact.Length / n, 1),
        ["hnsw"] = $"M{hnsw.Connectivity} efAdd {hnsw.ExpansionAdd} ef {hnsw.ExpansionSearch} {hnsw.Scalar}",
        ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
    };
    Console.WriteLine(JsonSerializer.Serialize(run)); // each phase's figures as soon as they exist: a 1M run is long
    if (clickFeeds > 0)
        foreach (var (key, value) in ClickSample.Run(world, clickFeeds, embedding.Threads)) run[key] = value;
    Console.WriteLine(JsonSerializer.Serialize(run));
    var path = Path.Combine(Path.GetTempPath(), $"contentgrains-scale-{n}-{Environment.ProcessId}.model");
    File.WriteAllBytes(path, artifact);
    var served = ServeInChild(path, ArtifactChecksum.Of(artifact), report.Items, world);
    File.Delete(path);
    foreach (var (key, value) in served) run[key] = value;
    Console.WriteLine(JsonSerializer.Serialize(run));
    runs.Add(run);
    artifact = null!;
    GC.Collect();
}

var result = new
{
    benchmark = "scale: embedding kind trained live, loaded as a silo loads it (in its own process), feeds through FeedPipeline",
    commit = options.GetValueOrDefault("commit", "unknown"),
    machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, 8-bit scan kernel {ContentGrains.Core.Vectors.QuantizedRows.BestKernel}",
    load = "shared build machine: other helpers were building and testing at the same time, so times are noisy upper bounds; loadAverage per run is /proc/loadavg at its end",
    feed = "one thread, 20 items, default FeedSettings (200 retrieved candidates, item-to-item of 10 recent items, tags, trending, fresh, MMR, exploration)",
    memory = "servingProcessRssMegabytes / servingManagedMegabytes: a separate process holding only the loaded model and its index (plus the .NET runtime)",
    runs,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

Dictionary<string, JsonElement> ServeInChild(string path, string sha256, int recordItems, SyntheticWorld world)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    // Run as `dotnet X.dll`: the host needs the dll again; run as its own executable it does not.
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
    foreach (var a in new[] { "--serve", path, "--sha256", sha256 }) start.ArgumentList.Add(a);
    foreach (var (name, value) in new[] { ("record-items", recordItems), ("items", world.Items), ("users", world.Users),
                 ("events-per-user", eventsPerUser), ("feeds", feeds), ("connectivity", hnsw.Connectivity),
                 ("expansion-add", hnsw.ExpansionAdd), ("expansion-search", hnsw.ExpansionSearch), ("clustered-below", clustered.BelowItems) })
    {
        start.ArgumentList.Add($"--{name}");
        start.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
    }
    using var child = Process.Start(start)!;
    var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
    child.WaitForExit();
    if (child.ExitCode != 0) throw new InvalidOperationException($"the serving process failed ({child.ExitCode}): {line}");
    return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line)!;
}
