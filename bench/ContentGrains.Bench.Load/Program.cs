using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Bench;
using ContentGrains.Bench.Load;

// Three commands:
//   ContentGrains.Bench.Load suite …  bench/load.sh's rate sweeps over HTTP and Orleans, grain memory, ingestion (LoadSuite)
//   ContentGrains.Bench.Load memory … bench/profiles-memory.sh's user grain memory alone, N people of K views (MemoryCommand)
//   ContentGrains.Bench.Load …        bench/load-http.sh's single HTTP run, closed or open loop (LoadOptions)
if (args.Length > 0 && args[0] == "suite") return await LoadSuite.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "memory") return await MemoryCommand.RunAsync(args[1..]);

var (options, error) = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"{error}\n{LoadOptions.Usage}");
    return 2;
}

using var http = new HttpFeedTarget([options.Url], options.Clients);
var load = new FeedLoad(http, options.Users, options.Clients, options.Count);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
Task<LoadRun> Run(double seconds, int seed) =>
    options.Rate is { } rate ? load.RunOpenAsync(rate, seconds, seed, stop.Token) : load.RunClosedAsync(seconds, seed, stop.Token);

var loadBefore = SiloMetrics.LoadAverage();
var sample = JsonNode.Parse(await SampleFeedAsync(http.First, options.Count, stop.Token))!;
Console.WriteLine($"serving: {sample["model"]}; {(sample["items"] as JsonArray)?.Count} items in u0's feed");
if (options.WarmupSeconds > 0)
{
    var warm = await Run(options.WarmupSeconds, options.Seed.GetHashCode() ^ 0x5eed);
    Console.WriteLine($"warm-up: {warm.Samples.Count:N0} feeds in {options.WarmupSeconds:0} s (not counted)");
}

var siloAllocatedBefore = await SiloMetrics.AllocatedBytesAsync(http.First);
var metricsBefore = await http.First.GetStringAsync("/metrics");
var (runtimeBefore, textVectorsBefore) = (RuntimeCounters.Of(metricsBefore), TextVectorCounters.Of(metricsBefore));
var gcEvents = options.SiloPid is { } pidEvents ? GcEventSession.TryStart(pidEvents) : null;
await using var queue = new ThreadPoolQueueSampler(http.First);
queue.Start();
var siloCpuBefore = options.SiloPid is { } pid0 ? ProcessMemory.CpuSeconds(pid0) : null;
var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var wall = Stopwatch.StartNew();
var run = await Run(options.Seconds, (int)options.Seed);
var seconds = wall.Elapsed.TotalSeconds;
var siloCpu = options.SiloPid is { } pid1 && siloCpuBefore is { } before ? ProcessMemory.CpuSeconds(pid1) - before : null;
var selfCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpuBefore;
var memory = options.SiloPid is { } pid2 ? ProcessMemory.Read(pid2) : null;
var gcTotals = gcEvents is null ? null : await gcEvents.StopAsync(stop.Token);
var siloAllocated = await SiloMetrics.AllocatedBytesAsync(http.First) - siloAllocatedBefore; // includes the one /metrics answer
var metricsAfter = await http.First.GetStringAsync("/metrics");
var runtime = RuntimeCounters.Of(metricsAfter).Since(runtimeBefore);
var queueLength = await queue.StopAsync();
var summary = LatencySummary.Of(run, seconds);

var result = new JsonObject
{
    ["commit"] = options.Commit,
    ["label"] = options.Label,
    ["ranAt"] = DateTime.UtcNow.ToString("O"),
    ["machine"] = $"{Environment.ProcessorCount} cores; load average (1 min) {loadBefore:0.0} before the measured run and {SiloMetrics.LoadAverage():0.0} after; the load generator runs on the same machine as the silo",
    ["mode"] = options.Rate is { } r ? $"open loop at {r} feeds/s (latency counted from each request's due time)" : "closed loop (each client sends its next request when the last is answered)",
    ["clients"] = options.Clients,
    ["people"] = options.Users,
    ["feedSize"] = options.Count,
};
foreach (var (name, value) in summary.ToJson()) result[name] = value?.DeepClone();
// Feeds answered in each second of the run, by when the answer came (an open loop sends on schedule even when the engine stalls).
result["answeredPerSecond"] = JsonSerializer.SerializeToNode(run.Samples.Where(s => s.Status == 200).GroupBy(s => (int)(s.DueSeconds + s.LatencyMs / 1000))
    .OrderBy(g => g.Key).Select(g => g.Count()).ToArray());
result["siloCpuCores"] = siloCpu is { } c ? Math.Round(c / seconds, 2) : null;
// The silo's CPU per answered feed (background work included): less sensitive to a shared machine than latency.
result["siloCpuMsPerFeed"] = siloCpu is { } c2 && summary.Answered > 0 ? Math.Round(c2 * 1000 / summary.Answered, 3) : null;
result["loadGeneratorCpuCores"] = Math.Round(selfCpu / seconds, 2);
result["loadGeneratorCpuMsPerFeed"] = summary.Answered > 0 ? Math.Round(selfCpu * 1000 / summary.Answered, 3) : null;
// The silo's managed allocations per answered feed (what drives its GC work): from its GC events when they were read
// (GcEventSession: the /metrics counter can stand still under DATAS), else the runtime's counter on /metrics.
var allocatedFromMetrics = siloAllocated is { } a && summary.Answered > 0 ? Math.Round(a / summary.Answered) : (double?)null;
result["siloAllocatedBytesPerFeed"] = GcEventTotals.AllocatedBytesPerFeed(gcTotals, allocatedFromMetrics, summary.Answered);
result["siloAllocatedBytesPerFeedFromMetrics"] = allocatedFromMetrics;
// Collections and the bytes surviving gen0 and gen1 per feed, from the same events.
result["siloGcEvents"] = gcTotals?.PerFeed(summary.Answered);
// Collections and their pause time per 10,000 answered feeds (each pauses every thread: the tail's GC share), and the
// thread pool's queue read once a second (work waiting for a thread).
result["siloGcPer10000Feeds"] = runtime.Per10000Feeds(summary.Answered);
result["siloThreadPoolQueueLength"] = queueLength;
// The item text vector worker during the run: background MiniLM encoding competes with the feeds for the silo's cores.
result["siloTextVectors"] = TextVectorCounters.During(textVectorsBefore, TextVectorCounters.Of(metricsAfter), siloCpu);
result["siloRssMegabytes"] = memory is { } m ? Math.Round(m.Rss / 1e6, 1) : null;
result["siloPeakRssMegabytes"] = memory is { } m2 ? Math.Round(m2.PeakRss / 1e6, 1) : null;
result["servedBy"] = sample["models"]?.DeepClone();

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"{summary}; silo {result["siloCpuMsPerFeed"]} ms CPU per feed, RSS {result["siloRssMegabytes"]} MB (peak {result["siloPeakRssMegabytes"]} MB); written to {options.Out}");
if (run.NotSent > 0) Console.WriteLine($"{run.NotSent:N0} scheduled requests were not sent: the engine fell more than {options.Seconds:0} s behind the schedule");
return summary.Errors == 0 && run.NotSent == 0 ? 0 : 1;

// The first feed of person u0, to name the model versions that serve the run in its result.
static async Task<string> SampleFeedAsync(HttpClient http, int count, CancellationToken cancellation)
{
    using var response = await http.GetAsync($"v1/users/u0/feed?count={count}", cancellation);
    var body = await response.Content.ReadAsStringAsync(cancellation);
    if (response.StatusCode != HttpStatusCode.OK)
        throw new InvalidOperationException($"GET feed of u0 answered {(int)response.StatusCode}: {body}");
    return body;
}
