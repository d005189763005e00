using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContentGrains.Bench.Load;

/// <summary>
/// <c>ContentGrains.Bench.Load memory</c> (bench/profiles-memory.sh): the user grain memory phase alone on running silos,
/// with N people of K views each, every silo's GC heap (after a full collection) and RSS before, active and idle.
/// </summary>
public static class MemoryCommand
{
    public const string Usage =
        "usage: ContentGrains.Bench.Load memory --urls URL[,URL] --pids PID[,PID] --items-file DATA/x.item --people N\n" +
        "         --events-per-person K --out result.json [--idle-wait 45] [--serve-seconds 0] [--serve-ingest-people 5000]\n" +
        "  --serve-seconds S: after the idle reading, S seconds of feeds of the group's people and one more view each for\n" +
        "  --serve-ingest-people of them (whether the silos still serve at this size: ServingProbe)";

    private static readonly string[] Known = ["urls", "pids", "items-file", "people", "events-per-person", "idle-wait", "serve-seconds", "serve-ingest-people", "out"];

    public static async Task<int> RunAsync(string[] args)
    {
        var (values, error) = BenchArgs.Read(args, Known);
        if (values is null) return Refuse(error!);
        List<Uri> urls;
        List<int> pids;
        try
        {
            urls = SuiteOptions.List(values, "urls", text => (Uri.TryCreate(text, UriKind.Absolute, out var u), u!), "an absolute URL");
            pids = SuiteOptions.List(values, "pids", text => (int.TryParse(text, CultureInfo.InvariantCulture, out var p) && p > 0, p), "a process id");
            if (pids.Count != urls.Count) throw new FormatException($"--pids: one per silo, as many as --urls ({urls.Count})");
        }
        catch (FormatException e) { return Refuse(e.Message); }
        if (!values.TryGetValue("items-file", out var itemsFile) || !File.Exists(itemsFile)) return Refuse("--items-file: required, an existing RecBole .item file");
        if (!values.TryGetValue("out", out var output)) return Refuse("--out: required, the result file");
        var people = LoadOptions.Int(values, "people", null, 1);
        var eventsPerPerson = LoadOptions.Int(values, "events-per-person", null, 1);
        var idleWait = TimeSpan.FromSeconds(LoadOptions.Number(values, "idle-wait", 45, 0));
        var serveSeconds = LoadOptions.Number(values, "serve-seconds", 0, 0);
        var serveIngestPeople = LoadOptions.Int(values, "serve-ingest-people", 5_000, 0);
        var items = File.ReadLines(itemsFile).Skip(1).Select(line => line.Split('\t')[0]).Where(id => id.Length > 0).ToList();
        if (items.Count == 0) return Refuse($"--items-file: {itemsFile} lists no items");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Say(string line) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F0} s] {line}");
        var silos = urls.Select((url, i) => new SiloHandle(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(300) }, pids[i])).ToList();
        Say($"{people:N0} people of {eventsPerPerson} views each on {silos.Count} silo(s), {items.Count:N0} items");
        var group = new GrainMemoryPhase(silos, items, eventsPerPerson);
        var result = await group.RunAsync(people, idleWait, Say, CancellationToken.None);
        if (serveSeconds > 0)
        {
            result["serving"] = await new ServingProbe(silos, urls).RunAsync(group, people, serveSeconds, serveIngestPeople, CancellationToken.None);
            Say($"serving at this size: {result["serving"]!.ToJsonString()}");
        }
        foreach (var silo in silos) silo.Http.Dispose();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Say($"written to {output}");
        return 0;
    }

    private static int Refuse(string error)
    {
        Console.Error.WriteLine($"{error}\n{Usage}");
        return 2;
    }
}
