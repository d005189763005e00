using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
    private const string Usage = "usage: segments --data FILE --format recbole|simulated --out F [--truth GROUPS.tsv] [--assignments F] " +
                                 "[--min-k 2] [--max-k 12] [--sample 3000] [--min-points 10] [--max-tags 64] [--restarts 5] [--seed 1] [--memory-mb 4096]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        string? data = null, format = null, outPath = null, truth = null, assignments = null;
        var options = new SegmentFitOptions();
        long memoryMb = 4096;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--data" when i + 1 < args.Count: data = args[++i]; break;
                    case "--format" when i + 1 < args.Count: format = args[++i]; break;
                    case "--out" when i + 1 < args.Count: outPath = args[++i]; break;
                    case "--truth" when i + 1 < args.Count: truth = args[++i]; break;
                    case "--assignments" when i + 1 < args.Count: assignments = args[++i]; break;
                    case "--min-k" when i + 1 < args.Count: options = options with { MinK = Whole("--min-k", args[++i]) }; break;
                    case "--max-k" when i + 1 < args.Count: options = options with { MaxK = Whole("--max-k", args[++i]) }; break;
                    case "--sample" when i + 1 < args.Count: options = options with { SampleSize = Whole("--sample", args[++i]) }; break;
                    case "--min-points" when i + 1 < args.Count: options = options with { MinPoints = Whole("--min-points", args[++i]) }; break;
                    case "--max-tags" when i + 1 < args.Count: options = options with { MaxTags = Whole("--max-tags", args[++i]) }; break;
                    case "--restarts" when i + 1 < args.Count: options = options with { Restarts = Whole("--restarts", args[++i]) }; break;
                    case "--seed" when i + 1 < args.Count: options = options with { Seed = Whole("--seed", args[++i]) }; break;
                    case "--memory-mb" when i + 1 < args.Count: memoryMb = Whole("--memory-mb", args[++i]); break;
                    default: throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
                }
            }
            if (data is null || outPath is null || format is null) throw new ArgumentException("--data, --format and --out are required");
            if (!File.Exists(data)) throw new ArgumentException($"--data: file '{data}' does not exist");
            if (truth is not null && !File.Exists(truth)) throw new ArgumentException($"--truth: file '{truth}' does not exist");
            if (options.Problem() is { } bad) throw new ArgumentException($"--{Kebab(bad.Field)} {bad.Reason}");
            return Fit(data, format, options, memoryMb << 20, truth, assignments, outPath, output);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or IOException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            errors.WriteLine($"segments: {error.Message}");
            errors.WriteLine(Usage);
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
