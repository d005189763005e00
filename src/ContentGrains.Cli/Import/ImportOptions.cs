using System.Globalization;

namespace ContentGrains.Cli.Import;

/// <summary>The options of `contentgrains import`, parsed from `--name value` pairs.</summary>
public sealed record ImportOptions(
    IReadOnlyList<string> Events, IReadOnlyList<string> Items, IReadOnlyList<string> Users, string? Format,
    Uri? To, string? ApiKey, string? Out, string Name, int Batch, int Parallel, RatingRule Rule, ColumnMap? Map = null)
{
    public const int DefaultBatch = 5_000;
    public const int DefaultParallel = 4;
    public const string ApiKeyVariable = "CONTENTGRAINS_API_KEY";

    public static readonly string[] Formats = ["recbole", "movielens", "csv", "jsonl"];

    public static (ImportOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                return (null, $"expected `--option value`, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        var known = new[] { "data", "dataset", "events", "items", "users", "format", "to", "api-key", "out", "name", "batch", "parallel", "like-at", "map" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) return (null, $"unknown option --{unknown}");

        var format = values.GetValueOrDefault("format");
        if (format is not null && !Formats.Contains(format)) return (null, $"--format: '{format}' is not one of {string.Join(", ", Formats)}");
        List<string> events = Files(values, "events"), items = Files(values, "items"), users = Files(values, "users");
        string? dataset = values.GetValueOrDefault("dataset");
        if (values.TryGetValue("data", out var data))
        {
            var (found, error) = DataFolder.Find(data, dataset);
            if (found is null) return (null, $"--data: {error}");
            (dataset, format) = (found.Name, format ?? found.Format);
            events.AddRange(found.Events);
            items.AddRange(found.Items);
            users.AddRange(found.Users);
        }
        if (events.Count + items.Count + users.Count == 0) return (null, "nothing to import: give --data DIR, or --events / --items / --users FILE[,FILE]");
        if (events.Concat(items).Concat(users).FirstOrDefault(f => !File.Exists(f)) is { } missing) return (null, $"no file '{missing}'");

        Uri? to = null;
        if (values.TryGetValue("to", out var url) && (!Uri.TryCreate(url, UriKind.Absolute, out to) || to.Scheme is not ("http" or "https")))
            return (null, $"--to: '{url}' is not an http(s) URL like http://127.0.0.1:5080");
        var output = values.GetValueOrDefault("out");
        if ((to is null) == (output is null)) return (null, "give exactly one target: --to http://host:port (a running engine) or --out DIR (an offline data set)");
        var name = values.GetValueOrDefault("name") ?? dataset ?? "import";
        if (name.Length == 0 || name.Contains('.') || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            return (null, $"--name: '{name}' must be a file name without dots (evaluate reads NAME.inter)");

        if (!int.TryParse(values.GetValueOrDefault("batch", DefaultBatch.ToString(CultureInfo.InvariantCulture)), out var batch) || batch is < 1 or > HttpImportTarget.ApiMaxBatch)
            return (null, $"--batch must be between 1 and {HttpImportTarget.ApiMaxBatch}");
        if (!int.TryParse(values.GetValueOrDefault("parallel", DefaultParallel.ToString(CultureInfo.InvariantCulture)), out var parallel) || parallel is < 1 or > 32)
            return (null, "--parallel must be between 1 and 32");
        if (!Cells.TryNumber(values.GetValueOrDefault("like-at", "4"), out var likeAt)) return (null, "--like-at must be a number");
        var apiKey = values.GetValueOrDefault("api-key") ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        var (map, mapError) = ColumnMap.Parse(values.GetValueOrDefault("map"));
        if (mapError is not null) return (null, $"--map: {mapError}");
        return (new ImportOptions(events, items, users, format, to, apiKey, output, name, batch, parallel, new RatingRule(likeAt), map), null);
    }

    private static List<string> Files(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var list) ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() : [];
}
