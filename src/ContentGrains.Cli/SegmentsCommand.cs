using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Analysis.Segments;
using ContentGrains.Core.Profiles;
using ContentGrains.Core.Segments;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains segments --data FILE --format recbole|simulated --out F`: gathers each person's signals from a data
/// file (decayed to the file's last event with the profile's half-life), fits segments (ML.NET k-means with k chosen
/// by silhouette, and DBSCAN on the same sample) and writes the model's report and descriptions as JSON. With --truth
/// (the simulator's groups file) it also reports the adjusted Rand index of k-means (everyone, at the nearest centroid)
/// and of DBSCAN (the sample; noise counts as one more group). --assignments F writes user_id TAB segment for everyone.
/// Exit codes: 0 written, 2 usage or data error.
/// </summary>
public static class SegmentsCommand
{
    private static readonly SegmentFitOptions Defaults = new();

    public static Command Create(CliIo io) => CommandTree.Leaf("segments",
        "Fits segments of people from a data file: ML.NET k-means with k chosen by silhouette, and DBSCAN on a sample; with --truth, the adjusted Rand index of each against the planted groups. Exit codes: 0 written, 2 usage or data error.",
        [
            CommandTree.Value("data", "FILE", "The events file. Required."),
            CommandTree.Value("format", "recbole|simulated", "The file's format. Required."),
            CommandTree.Value("out", "FILE", "Write the report (JSON) here. Required."),
            CommandTree.Value("truth", "GROUPS.tsv", "The planted groups (simulate's groups file): report the adjusted Rand index."),
            CommandTree.Value("assignments", "FILE", "Write user_id TAB segment for everyone here."),
            CommandTree.Value("min-k", "K", "Smallest k tried.", Defaults.MinK.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("max-k", "K", "Largest k tried.", Defaults.MaxK.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("sample", "N", "People sampled for silhouette and DBSCAN.", Defaults.SampleSize.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("min-points", "N", "DBSCAN's minimum points per core.", Defaults.MinPoints.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("max-tags", "N", "Tags kept as features.", Defaults.MaxTags.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("restarts", "N", "k-means restarts per k.", Defaults.Restarts.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("seed", "N", "Random seed.", Defaults.Seed.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("memory-mb", "MB", "Memory bound while reading the file.", "4096"),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `segments` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (data, format, outPath, truth, assignments) = (values.Text("data"), values.Text("format"), values.Text("out"), values.Text("truth"), values.Text("assignments"));
        try
        {
            int? Given(string name) => values.Text(name) is { } text ? Whole("--" + name, text) : null;
            var options = Defaults with
            {
                MinK = Given("min-k") ?? Defaults.MinK, MaxK = Given("max-k") ?? Defaults.MaxK, SampleSize = Given("sample") ?? Defaults.SampleSize,
                MinPoints = Given("min-points") ?? Defaults.MinPoints, MaxTags = Given("max-tags") ?? Defaults.MaxTags,
                Restarts = Given("restarts") ?? Defaults.Restarts, Seed = Given("seed") ?? Defaults.Seed,
            };
            long memoryMb = Given("memory-mb") ?? 4096;
            if (data is null || outPath is null || format is null) throw new ArgumentException("--data, --format and --out are required");
            if (!File.Exists(data)) throw new ArgumentException($"--data: file '{data}' does not exist");
            if (truth is not null && !File.Exists(truth)) throw new ArgumentException($"--truth: file '{truth}' does not exist");
            if (options.Problem() is { } bad) throw new ArgumentException($"--{Kebab(bad.Field)} {bad.Reason}");
            return Fit(data, format, options, memoryMb << 20, truth, assignments, outPath, output);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or IOException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            errors.WriteLine($"segments: {error.Message}");
            values.WriteUsage(errors);
            return 2;
        }
    }

    private static int Fit(string data, string format, SegmentFitOptions options, long memoryBound, string? truthPath, string? assignmentsPath,
        string outPath, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var table = SegmentDataFiles.Read(data, format, new ProfileSettings().InterestHalfLife, memoryBound);
        var readSeconds = clock.Elapsed.TotalSeconds;
        var now = table.Latest ?? DateTimeOffset.UtcNow;
        var people = table.Signals(now);
        var fit = new SegmentFitter(new MlKMeansClusterer(), options).Fit(people, now);
        var assigned = people.Where(p => !p.Signals.IsEmpty).Select(p => (p.UserId, fit.Model.Assign(p.Signals)!.Segment)).ToList();
        if (assignmentsPath is not null)
            File.WriteAllLines(assignmentsPath, ["user_id\tsegment", .. assigned.Select(a => $"{a.UserId}\t{a.Segment}")]);
        var agreement = truthPath is null ? null : SegmentAgreement.Of(SegmentDataFiles.ReadGroups(truthPath), assigned, fit);
        var report = new
        {
            data, format, events = table.Events, people = table.People, readSeconds = Math.Round(readSeconds, 3),
            fit = fit.Model.Report, segments = fit.Model.Segments, agreement, totalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        File.WriteAllText(outPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        var r = fit.Model.Report;
        output.WriteLine($"segments: {table.People:N0} people from {table.Events:N0} events; k = {r.ChosenK} by silhouette " +
            $"({string.Join(", ", r.Silhouettes.Select(s => $"{s.K}: {s.Silhouette:F3}"))}); DBSCAN eps {r.Dbscan.Eps:F3}: {r.Dbscan.Clusters} clusters, " +
            $"{r.Dbscan.Noise} noise of {r.Sampled}" +
            (agreement is null ? "" : $"; ARI k-means {agreement.KMeans:F3}, DBSCAN {agreement.Dbscan:F3}") + $" -> {outPath}");
        return 0;
    }

    private static int Whole(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{option}: '{text}' is not a whole number");

    private static string Kebab(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
