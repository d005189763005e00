using System.Globalization;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Experiments;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Cli.Reports;

/// <summary>
/// A report on a data file, offline: the events of <see cref="KpiDataFile"/> (topic = each item's first tag), segments
/// from a user → segment file (what <c>segments --assignments</c> or <c>simulate bulk --segments</c> writes), formats
/// from an item → format file, and the engine's Core report (non-human traffic left out, findings, privacy when asked).
/// The file is held in memory, as the other offline commands do.
/// </summary>
public static class OfflineReport
{
    public static int Run(OptionValues options, JsonObject spec, TextWriter output)
    {
        var data = options.Text("data")!;
        if (!File.Exists(data)) throw new ArgumentException($"--data: file '{data}' does not exist");
        if (options.Text("format") is not { } format) throw new ArgumentException($"--format is required with --data ({string.Join(", ", KpiDataFile.Formats)})");
        if (options.Text("out") is not { } outPath) throw new ArgumentException("--out is required with --data");
        var file = KpiDataFile.Read(data, format);
        var segments = Pairs(options.Text("segments"), "--segments");
        var formats = Pairs(options.Text("formats"), "--formats");
        var labels = new ReportLabels
        {
            TopicOf = id => file.Tags.TryGetValue(id, out var tags) && tags.Count > 0 ? tags[0] : null,
            FormatOf = formats.GetValueOrDefault,
            SegmentOf = segments.GetValueOrDefault,
            TopicSource = "first-tag",
        };
        var request = new ReportRequest
        {
            Epsilon = (double?)spec["epsilon"],
            Mechanism = (string?)spec["mechanism"] ?? PrivacyPlan.Laplace,
            Delta = (double?)spec["delta"] ?? 1e-6,
            MinImpressions = (long?)spec["minImpressions"] ?? 200,
        };
        if (request.Problem() is { } problem) throw new ArgumentException($"{problem.Field} {problem.Reason}");
        var counts = new ReportComputation(labels, ArmLabels.None, new TrafficOptions()).Run(file.Events, request);
        var inputs = ReportInputs.Empty with
        {
            Sentiment = new OfflineSentimentOnly().SummarizeAsync(Core.Tenants.TenantKeys.Default, null, null).Result,
            SegmentSource = segments.Count == 0 ? "no segments file" : Path.GetFileName(options.Text("segments")!),
        };
        var report = new ReportAssembler(NoiseSource.Secure()).Assemble("offline", DateTimeOffset.UtcNow, request, counts, labels, inputs);
        File.WriteAllBytes(outPath, ContentReportJson.ToBytes(report));
        if (options.Text("html") is { } html) File.WriteAllText(html, ReportPage.Render(report));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {file.Events.Count:N0} events, {report.Performance.CellsTotal:N0} cells, {report.FindingsMethod.Found} of {report.FindingsMethod.Comparisons} comparisons held, {report.Seconds:F2} s -> {outPath}"));
        foreach (var finding in report.Findings.Take(10)) output.WriteLine("  " + finding.Text);
        return 0;
    }

    /// <summary>A two-column tab-separated file whose first line is a header (as both writers write it); empty when not given.</summary>
    private static Dictionary<string, string> Pairs(string? path, string option)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is null) return pairs;
        if (!File.Exists(path)) throw new ArgumentException($"{option}: file '{path}' does not exist");
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length >= 2 && cells[0].Length > 0) pairs[cells[0]] = cells[1];
        }
        return pairs;
    }
}
