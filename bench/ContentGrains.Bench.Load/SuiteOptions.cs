using System.Globalization;
using System.Net;

namespace ContentGrains.Bench.Load;

/// <summary>The options of <c>ContentGrains.Bench.Load suite</c> (bench/load.sh passes them; see <see cref="Usage"/>).</summary>
public sealed record SuiteOptions(
    IReadOnlyList<Uri> Urls, IReadOnlyList<IPEndPoint> Gateways, IReadOnlyList<int> Pids, int Users, IReadOnlyList<double> Rates,
    double Seconds, double WarmupSeconds, int Clients, int Count, int Events, int IngestUsers,
    int MemoryPeople, string ItemsFile, double IdleWaitSeconds, string Out)
{
    public const string Usage =
        "usage: ContentGrains.Bench.Load suite --urls URL[,URL] --gateways HOST:PORT[,HOST:PORT] --pids PID[,PID] --users N\n" +
        "         --items-file DATA/sim.item --out result.json [--rates 250,500,1000,2000] [--seconds 10] [--warmup 5]\n" +
        "         [--clients 64] [--count 10] [--events 50000] [--ingest-users 10000] [--memory-people 5000] [--idle-wait 90]\n" +
        "  one URL, gateway and pid per silo (the same order); people of the feed load are u0 … u{N-1}; the items file is the\n" +
        "  RecBole .item file the engine imported (ingestion and the memory phase's events name its items)";

    private static readonly string[] Known =
        ["urls", "gateways", "pids", "users", "rates", "seconds", "warmup", "clients", "count", "events",
         "ingest-users", "memory-people", "items-file", "idle-wait", "out"];

    public static (SuiteOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (values, error) = BenchArgs.Read(args, Known);
        if (values is null) return (null, error);
        try
        {
            var urls = List(values, "urls", text => (Uri.TryCreate(text, UriKind.Absolute, out var u), u!), "an absolute URL");
            var gateways = List(values, "gateways", text => (IPEndPoint.TryParse(text, out var e), e!), "HOST:PORT");
            var pids = List(values, "pids", text => (int.TryParse(text, CultureInfo.InvariantCulture, out var p) && p > 0, p), "a process id");
            if (gateways.Count != urls.Count || pids.Count != urls.Count)
                throw new FormatException($"--gateways and --pids: one per silo, as many as --urls ({urls.Count})");
            var rates = List(values, "rates", text => (double.TryParse(text, CultureInfo.InvariantCulture, out var r) && r > 0, r), "a rate above 0", "250,500,1000,2000");
            var options = new SuiteOptions(urls, gateways, pids, LoadOptions.Int(values, "users", null, 1), rates,
                LoadOptions.Number(values, "seconds", 10, 1), LoadOptions.Number(values, "warmup", 5, 0),
                LoadOptions.Int(values, "clients", 64, 1), LoadOptions.Int(values, "count", 10, 1),
                LoadOptions.Int(values, "events", 50_000, 1),
                LoadOptions.Int(values, "ingest-users", 10_000, 1), LoadOptions.Int(values, "memory-people", 5_000, 1),
                values.TryGetValue("items-file", out var items) && File.Exists(items) ? items : throw new FormatException("--items-file: required, an existing RecBole .item file"),
                LoadOptions.Number(values, "idle-wait", 90, 0),
                values.TryGetValue("out", out var output) ? output : throw new FormatException("--out: required, the result file"));
            return (options, null);
        }
        catch (FormatException e) { return (null, e.Message); }
    }

    /// <summary>The item ids of the RecBole .item file (first column; the first line is the header).</summary>
    public IReadOnlyList<string> ItemIds()
    {
        var ids = File.ReadLines(ItemsFile).Skip(1).Select(line => line.Split('\t')[0]).Where(id => id.Length > 0).ToList();
        return ids.Count > 0 ? ids : throw new FormatException($"--items-file: {ItemsFile} lists no items");
    }

    internal static List<T> List<T>(Dictionary<string, string> values, string name, Func<string, (bool Ok, T Value)> parse, string what, string? fallback = null)
    {
        var text = values.GetValueOrDefault(name, fallback ?? "");
        if (text.Length == 0) throw new FormatException($"--{name}: required");
        var list = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var (ok, value) = parse(part);
            list.Add(ok ? value : throw new FormatException($"--{name}: '{part}' is not {what}"));
        }
        return list;
    }
}
