using System.Diagnostics;
using System.Text.Json;
using ContentGrains.Core.Data;
using ContentGrains.Core.Embeddings;
using ContentGrains.Training;
using ContentGrains.Training.Embedding;

// Usage: ContentGrains.Bench.TrainingMemory DATA-DIR (sim.inter, sim.item in RecBole's layout) [EPOCHS]
// Prints one JSON object: RSS, anonymous memory and the GC's committed bytes before the fit, their peaks during it
// (sampled every 50 ms), the fit's wall and CPU seconds.
var folder = args[0];
var epochs = args.Length > 1 ? int.Parse(args[1]) : TrainingKinds.EmbeddingLiveOptions.MaxEpochs;

var items = new Dictionary<string, int>(StringComparer.Ordinal);
var tagNames = new SortedSet<string>(StringComparer.Ordinal);
var itemTags = new List<string[]>();
foreach (var line in File.ReadLines(Path.Combine(folder, "sim.item")).Skip(1))
{
    var cells = line.Split('\t');
    items[cells[0]] = items.Count;
    var tags = cells[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    tagNames.UnionWith(tags);
    itemTags.Add(tags);
}
var users = new Dictionary<string, int>(StringComparer.Ordinal);
var pairs = new List<(int, int)>();
foreach (var line in File.ReadLines(Path.Combine(folder, "sim.inter")).Skip(1))
{
    var cells = line.Split('\t');
    if (!users.TryGetValue(cells[0], out var user)) users[cells[0]] = user = users.Count;
    pairs.Add((user, items[cells[1]]));
}
var train = InteractionSet.FromPairs(users.Count, items.Count, pairs);
var names = tagNames.ToArray();
var tagsOf = itemTags.Select(t => t.Select(n => Array.BinarySearch(names, n, StringComparer.Ordinal)).Distinct().Order().ToArray()).ToArray();
const int TextDimensions = 384;
var random = new Random(7);
var text = new float[items.Count * TextDimensions];
for (var i = 0; i < text.Length; i++) text[i] = (float)(random.NextDouble() - 0.5);
var metadata = new ItemMetadata(names, tagsOf, TextDimensions, text);

GC.Collect();
var before = Sample();
var peak = before;
var stop = false;
var sampler = new Thread(() =>
{
    while (!Volatile.Read(ref stop))
    {
        var now = Sample();
        lock (metadata) peak = (Math.Max(peak.Rss, now.Rss), Math.Max(peak.Anonymous, now.Anonymous), Math.Max(peak.GcCommitted, now.GcCommitted), Math.Max(peak.Native, now.Native));
        Thread.Sleep(50);
    }
}) { IsBackground = true };
sampler.Start();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread(); // the fit runs on this thread; the sampler's own allocations stay out
int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
var clock = Stopwatch.StartNew();
var trainer = new EmbeddingTrainer(TrainingKinds.EmbeddingLiveOptions with { MaxEpochs = epochs });
var (towers, report) = trainer.Train(train, metadata, null);
var wall = clock.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
var allocatedMegabytes = Math.Round((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1e6, 1);
var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
Volatile.Write(ref stop, true);
sampler.Join();
var after = Sample();
Console.WriteLine(JsonSerializer.Serialize(new
{
    users = users.Count, items = items.Count, interactions = train.Count, epochs = report.EpochsRun, examples = report.ExamplesTrained,
    rowUpdates = report.RowUpdates, weightsChecksum = Checksum(towers), wallSeconds = Math.Round(wall, 2), cpuSeconds = Math.Round(cpuSeconds, 2),
    // Managed bytes the fit allocated (10^6 bytes) and the collections during it (gen0, gen1, gen2): the
    // job's share of the silo's gen0 churn, which does not depend on the machine's load.
    managedAllocatedMegabytes = allocatedMegabytes, collections,
    mallocEnv = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("MALLOC_") || k.StartsWith("DOTNET_")).ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k)),
    mib = new
    {
        rssBefore = before.Rss, rssPeak = peak.Rss, rssAfter = after.Rss,
        anonymousBefore = before.Anonymous, anonymousPeak = peak.Anonymous, anonymousAfter = after.Anonymous,
        gcCommittedBefore = before.GcCommitted, gcCommittedPeak = peak.GcCommitted,
        nativeBefore = before.Native, nativePeak = peak.Native, nativeAfter = after.Native,
    },
}));

// MiB: RSS and anonymous memory from /proc/self; the GC's committed bytes now; native = anonymous − GC committed.
static (double Rss, double Anonymous, double GcCommitted, double Native) Sample()
{
    double Field(string file, string name) =>
        File.ReadLines(file).Where(l => l.StartsWith(name + ":")).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();
    var rss = Field("/proc/self/status", "VmRSS");
    var anonymous = Field("/proc/self/smaps_rollup", "Anonymous");
    var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes / 1048576.0;
    return (Math.Round(rss, 1), Math.Round(anonymous, 1), Math.Round(committed, 1), Math.Round(anonymous - committed, 1));
}

// SHA-256 of every learned weight's bits: one seed on the CPU gives the same weights, so a change that must not alter
// training shows the same checksum before and after.
static string Checksum(EmbeddingTowers towers)
{
    var weights = new[] { towers.Input, towers.Output }.SelectMany(t => new[] { t.IdVectors, t.TagVectors, t.TextProjection });
    var bytes = weights.SelectMany(w => System.Runtime.InteropServices.MemoryMarshal.AsBytes(w.AsSpan()).ToArray()).ToArray();
    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
}
