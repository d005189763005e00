using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// bench/load.sh's measurements against engine(s) it started and filled: the feed's open-loop rate sweep over HTTP
/// (requests spread over every silo's API), the same sweep through an Orleans client (connected to every gateway),
/// memory per active and per idle user grain in the running silo(s), then durable ingestion on the engine's catalog.
/// </summary>
public static class LoadSuite
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, error) = SuiteOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine($"{error}\n{SuiteOptions.Usage}");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        void Say(string line) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F0} s] {line}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        using var http = new HttpFeedTarget(options.Urls, options.Clients);
        var silos = options.Urls.Select((url, i) => new SiloHandle(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) }, options.Pids[i])).ToList();
        var result = new JsonObject();
        Say($"feed over HTTP ({options.Urls.Count} silo API(s)), rates {string.Join(", ", options.Rates)}/s, {options.Seconds} s each");
        var watch = new SiloWatch(silos);
        var speed = new JsonObject { ["beforeHttp"] = MachineSpeed.Measure() };
        Say($"machine speed: {speed["beforeHttp"]!["workMicrosMedian"]} µs for the fixed work (median)");
        result["feedOverHttp"] = await SweepAsync(http, options, watch, Say, stop.Token);

        await using (var orleans = await OrleansFeedTarget.ConnectAsync(options.Gateways))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stop.Token); // the last rate's requests drain first
            speed["beforeOrleansClient"] = MachineSpeed.Measure();
            Say($"feed through an Orleans client ({options.Gateways.Count} gateway(s)); machine speed: {speed["beforeOrleansClient"]!["workMicrosMedian"]} µs");
            result["feedThroughOrleansClient"] = await SweepAsync(orleans, options, watch, Say, stop.Token);
        }
        result["machineSpeed"] = speed;

        // Memory before ingestion: its people's snapshots are written by the end of the idle wait, and ingestion ends
        // before its own people's snapshot timers fire (bench/load.sh has the silos snapshot every 30 s and waits 45 s).
        var items = options.ItemIds();
        Say($"memory per user grain: {options.MemoryPeople:N0} new people");
        result["userGrainMemory"] = await new GrainMemoryPhase(silos, [items[0]])
            .RunAsync(options.MemoryPeople, TimeSpan.FromSeconds(options.IdleWaitSeconds), Say, stop.Token);

        Say($"durable ingestion: {options.Events:N0} events, batches of 1,000, 4 clients");
        result["ingestion"] = await new IngestPhase(silos)
            .RunAsync(items, options.IngestUsers, options.Events, batch: 1000, clients: 4, Say, stop.Token);

        result["setup"] = new JsonObject
        {
            ["silos"] = options.Urls.Count, ["people"] = options.Users, ["feedSize"] = options.Count,
            ["openLoopClients"] = options.Clients, ["secondsPerRate"] = options.Seconds, ["warmupSeconds"] = options.WarmupSeconds,
        };
        foreach (var silo in silos) silo.Http.Dispose();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
        await File.WriteAllTextAsync(options.Out, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", stop.Token);
        Say($"written to {options.Out}");
        return 0;
    }

    private static async Task<JsonObject> SweepAsync(IFeedTarget target, SuiteOptions options, SiloWatch watch, Action<string> say, CancellationToken cancellation)
    {
        var load = new FeedLoad(target, options.Users, options.Clients, options.Count);
        var points = await new RateSweep(load, options.Seconds, options.WarmupSeconds, watch).RunAsync(options.Rates, say, cancellation);
        var json = RateSweep.ToJson(points);
        say($"{target.Name}: highest rate with p99 <= 50 ms: {json["highestRateWithP99AtMost50Ms"]?.ToString() ?? "none"}; 1,000/s at p99 <= 10 ms: {json["target1000PerSecondP99AtMost10Ms"]?.ToString() ?? "not run"}");
        return json;
    }
}
