using System.CommandLine;
using System.Globalization;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli.Import;

/// <summary>The options of `contentgrains import`, declared once for the parser and checked here.</summary>
public sealed record ImportOptions(
    IReadOnlyList<string> Events, IReadOnlyList<string> Items, IReadOnlyList<string> Users, string? Format,
    Uri? To, string? ApiKey, string? Out, string Name, int Batch, int Parallel, RatingRule Rule, ColumnMap? Map = null)
{
    public const int DefaultBatch = 5_000;
    public const int DefaultParallel = 4;
    public const string ApiKeyVariable = "CONTENTGRAINS_API_KEY";

    public static readonly string[] Formats = ["recbole", "movielens", "csv", "jsonl"];

    public static Option[] Declare() =>
    [
        CommandTree.Value("data", "DIR", "A data set folder (RecBole atomic files or MovieLens u.data/u.item/u.user); its files are found by name."),
        CommandTree.Value("dataset", "NAME", "The data set's NAME when --data holds more than one."),
        CommandTree.Value("events", "FILE,FILE", "Event files (interactions) to import."),
        CommandTree.Value("items", "FILE,FILE", "Item files (metadata) to import."),
        CommandTree.Value("users", "FILE,FILE", "User files (RecBole .user or MovieLens u.user) to import."),
        CommandTree.Value("format", string.Join('|', Formats), "The files' format; by default told from each file's name."),
        CommandTree.Value("to", "URL", "Send to a running engine, like http://127.0.0.1:5080 (or give --out)."),
        CommandTree.Value("api-key", "KEY", $"The engine's API key (ingest scope); default ${ApiKeyVariable}."),
        CommandTree.Value("out", "DIR", "Write an offline RecBole data set here instead (or give --to)."),
        CommandTree.Value("name", "NAME", "The offline data set's NAME (files NAME.inter, …); default the source's name, else 'import'."),
        CommandTree.Value("batch", "N", $"Records per request, 1 to {HttpImportTarget.ApiMaxBatch}.", DefaultBatch.ToString(CultureInfo.InvariantCulture)),
        CommandTree.Value("parallel", "N", "Requests in flight, 1 to 32.", DefaultParallel.ToString(CultureInfo.InvariantCulture)),
        CommandTree.Value("like-at", "RATING", "Ratings at or above this become likes, below it views.", "4"),
        CommandTree.Value("map", "SOURCE=COLUMN,…", "CSV only: rename source columns to the API's field names, e.g. movieId=itemId."),
    ];

    public static (ImportOptions? Options, string? Error) Parse(OptionValues values)
    {
        var format = values.Text("format");
        if (format is not null && !Formats.Contains(format)) return (null, $"--format: '{format}' is not one of {string.Join(", ", Formats)}");
        List<string> events = Files(values, "events"), items = Files(values, "items"), users = Files(values, "users");
        string? dataset = values.Text("dataset");
        if (values.Text("data") is { } data)
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
        if (values.Text("to") is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out to) || to.Scheme is not ("http" or "https")))
            return (null, $"--to: '{url}' is not an http(s) URL like http://127.0.0.1:5080");
        var output = values.Text("out");
        if ((to is null) == (output is null)) return (null, "give exactly one target: --to http://host:port (a running engine) or --out DIR (an offline data set)");
        var name = values.Text("name") ?? dataset ?? "import";
        if (name.Length == 0 || name.Contains('.') || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            return (null, $"--name: '{name}' must be a file name without dots (evaluate reads NAME.inter)");

        if (!int.TryParse(values.Text("batch", DefaultBatch.ToString(CultureInfo.InvariantCulture)), out var batch) || batch is < 1 or > HttpImportTarget.ApiMaxBatch)
            return (null, $"--batch must be between 1 and {HttpImportTarget.ApiMaxBatch}");
        if (!int.TryParse(values.Text("parallel", DefaultParallel.ToString(CultureInfo.InvariantCulture)), out var parallel) || parallel is < 1 or > 32)
            return (null, "--parallel must be between 1 and 32");
        if (!Cells.TryNumber(values.Text("like-at", "4"), out var likeAt)) return (null, "--like-at must be a number");
        var apiKey = values.Text("api-key") ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        var (map, mapError) = ColumnMap.Parse(values.Text("map"));
        if (mapError is not null) return (null, $"--map: {mapError}");
        return (new ImportOptions(events, items, users, format, to, apiKey, output, name, batch, parallel, new RatingRule(likeAt), map), null);
    }

    private static List<string> Files(OptionValues values, string key) =>
        values.Text(key) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() : [];
}
