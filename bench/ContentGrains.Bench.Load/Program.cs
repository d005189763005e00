using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentGrains.Bench;
using ContentGrains.Bench.Load;

// The HTTP feed load generator of bench/load-http.sh: see LoadOptions for what it does and FeedLoad for how.
var (options, error) = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"{error}\n{LoadOptions.Usage}");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Clients, // one connection per client: a load of many connections, as many apps would make
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
})
{ BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
var load = new FeedLoad(http, options);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var loadBefore = LoadAverage();
var sample = JsonNode.Parse(await load.SampleFeedAsync(stop.Token))!;
Console.WriteLine($"serving: {sample["model"]}; {(sample["items"] as JsonArray)?.Count} items in u0's feed");
if (options.WarmupSeconds > 0)
{
    var warm = await load.RunAsync(options.WarmupSeconds, options.Seed.GetHashCode() ^ 0x5eed, stop.Token);
    Console.WriteLine($"warm-up: {warm.Count:N0} feeds in {options.WarmupSeconds:0} s (not counted)");
}

var siloCpuBefore = options.SiloPid is { } pid0 ? ProcessMemory.CpuSeconds(pid0) : null;
var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var wall = Stopwatch.StartNew();
var notSentBefore = load.NotSent; // the warm-up's are not this run's
var samples = await load.RunAsync(options.Seconds, (int)options.Seed, stop.Token);
var notSent = load.NotSent - notSentBefore;
var seconds = wall.Elapsed.TotalSeconds;
var siloCpu = options.SiloPid is { } pid1 && siloCpuBefore is { } before ? ProcessMemory.CpuSeconds(pid1) - before : null;
var selfCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpuBefore;
var memory = options.SiloPid is { } pid2 ? ProcessMemory.Read(pid2) : null;

var ok = samples.Where(s => s.Status == 200).Select(s => s.LatencyMs).Order().ToArray();
var errors = samples.Where(s => s.Status != 200).GroupBy(s => s.Status).ToDictionary(g => g.Key == 0 ? "no answer" : g.Key.ToString(), g => g.Count());
double Ms(double p) => Math.Round(Percentiles.OfSorted(ok, p), 2);
var result = new JsonObject
{
    ["commit"] = options.Commit,
    ["label"] = options.Label,
    ["ranAt"] = DateTime.UtcNow.ToString("O"),
    ["machine"] = $"{Environment.ProcessorCount} cores; load average (1 min) {loadBefore:0.0} before the measured run and {LoadAverage():0.0} after; the load generator runs on the same machine as the silo",
    ["mode"] = options.Rate is { } r ? $"open loop at {r} feeds/s (latency counted from each request's due time)" : "closed loop (each client sends its next request when the last is answered)",
    ["clients"] = options.Clients,
    ["people"] = options.Users,
    ["feedSize"] = options.Count,
    ["seconds"] = Math.Round(seconds, 1),
    ["requests"] = samples.Count,
    ["feedsPerSecond"] = Math.Round(ok.Length / seconds, 1),
    ["latencyMs"] = new JsonObject { ["p50"] = Ms(50), ["p90"] = Ms(90), ["p99"] = Ms(99), ["p99.9"] = Ms(99.9), ["max"] = ok.Length == 0 ? null : Math.Round(ok[^1], 2) },
    ["errors"] = samples.Count - ok.Length,
    ["notSent"] = notSent, // open loop only: the schedule's requests dropped once the engine was a whole run behind
    ["errorsByStatus"] = JsonSerializer.SerializeToNode(errors),
    // Feeds answered in each second of the run, by when the answer came (an open loop sends on schedule even when the engine stalls).
    ["answeredPerSecond"] = JsonSerializer.SerializeToNode(samples.Where(s => s.Status == 200).GroupBy(s => (int)(s.DueSeconds + s.LatencyMs / 1000))
        .OrderBy(g => g.Key).Select(g => g.Count()).ToArray()),
    ["siloCpuCores"] = siloCpu is { } c ? Math.Round(c / seconds, 2) : null,
    // The silo's CPU per answered feed (background work included): less sensitive to a shared machine than latency.
    ["siloCpuMsPerFeed"] = siloCpu is { } c2 && ok.Length > 0 ? Math.Round(c2 * 1000 / ok.Length, 3) : null,
    ["loadGeneratorCpuCores"] = Math.Round(selfCpu / seconds, 2),
    ["siloRssMegabytes"] = memory is { } m ? Math.Round(m.Rss / 1e6, 1) : null,
    ["siloPeakRssMegabytes"] = memory is { } m2 ? Math.Round(m2.PeakRss / 1e6, 1) : null,
    ["servedBy"] = sample["models"]?.DeepClone(),
};
var text = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, text + "\n");
Console.WriteLine($"{ok.Length / seconds:N0} feeds/s; p50 {Ms(50)} ms, p99 {Ms(99)} ms, p99.9 {Ms(99.9)} ms; {samples.Count - ok.Length} errors; " +
                  $"silo {result["siloCpuMsPerFeed"]} ms CPU per feed, RSS {result["siloRssMegabytes"]} MB (peak {result["siloPeakRssMegabytes"]} MB); written to {options.Out}");
if (notSent > 0) Console.WriteLine($"{notSent:N0} scheduled requests were not sent: the engine fell more than {options.Seconds:0} s behind the schedule");
return samples.Count - ok.Length == 0 && notSent == 0 ? 0 : 1;

static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
