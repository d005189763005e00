using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Kpis;
using ContentGrains.Core.Traffic;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains kpis --data FILE --format recbole|mind|jsonl --out F`: the engine's KPI computation offline on a data
/// file (<see cref="KpiDataFile"/>): non-human traffic judged and left out, KPIs overall and by item, tag, channel and
/// day with intervals, retention by cohort, the flags, and the KPIs without filtering beside them. With
/// <c>--truth bots.tsv</c> (what <c>simulate bulk --bots N</c> writes) it also scores the flags against the planted
/// bots and the KPIs against the humans' own. Exit codes: 0 written, 2 usage or data error.
/// </summary>
public static class KpisCommand
{
    public static Command Create(CliIo io) => CommandTree.Leaf("kpis",
        "The engine's KPI computation offline on a data file: non-human traffic judged and left out, KPIs with intervals by item, tag, channel and day, retention by cohort. Exit codes: 0 written, 2 usage or data error.",
        [
            CommandTree.Value("data", "FILE", "The events file. Required."),
            CommandTree.Value("format", string.Join('|', KpiDataFile.Formats), "The file's format. Required."),
            CommandTree.Value("out", "FILE", "Write the KPIs (JSON) here. Required."),
            CommandTree.Value("truth", "bots.tsv", "The planted bots (simulate bulk --bots): score the flags and the KPIs against them."),
            CommandTree.Value("top", "N", "Items, tags and channels listed, 1 to 1,000,000.", "50"),
            CommandTree.Value("confidence", "C", "Confidence of the intervals, 0.5 to 0.999.", "0.95"),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `kpis` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (data, format, outPath, truth) = (values.Text("data"), values.Text("format"), values.Text("out"), values.Text("truth"));
        try
        {
            var top = values.Text("top") is { } topText ? (int)Number("--top", topText, 1, 1_000_000) : 50;
            var confidence = values.Text("confidence") is { } confidenceText ? Number("--confidence", confidenceText, 0.5, 0.999) : 0.95;
            if (data is null || outPath is null || format is null) throw new ArgumentException("--data, --format and --out are required");
            if (!File.Exists(data)) throw new ArgumentException($"--data: file '{data}' does not exist");
            if (truth is not null && !File.Exists(truth)) throw new ArgumentException($"--truth: file '{truth}' does not exist");
            var file = KpiDataFile.Read(data, format);
            var result = Compute(file, truth is null ? null : PlantedTruth.Read(truth), top, confidence);
            File.WriteAllText(outPath, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            output.WriteLine($"kpis: {file.Events.Count:N0} events ({file.Rejected:N0} refused), {result.Report.Excluded.FlaggedPersons:N0} persons flagged, " +
                $"{result.Report.Excluded.ExcludedEvents:N0} events excluded, CTR {Ctr(result.Report.Overall)} (unfiltered {Ctr(result.Unfiltered)}) " +
                $"in {result.Report.Seconds:F2} s -> {outPath}");
            return 0;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or IOException or Core.Click.Mind.MindFormatException)
        {
            errors.WriteLine($"kpis: {error.Message}");
            values.WriteUsage(errors);
            return 2;
        }
    }

    public sealed record Result(
        long Events, long Rejected, double SecondsPerMillionEvents, KpiReport Report, KpiRow Unfiltered,
        IReadOnlyList<TrafficFlag> Flags, FlagScore? Truth);

    public static Result Compute(KpiDataFile file, PlantedTruth? truth, int top, double confidence)
    {
        var computation = new KpiComputation(() =>
        [
            KpiDimension.Item, KpiDimension.Channel, KpiDimension.Day,
            KpiDimension.ItemLabels("tag", id => file.Tags.GetValueOrDefault(id)),
        ], new TrafficOptions());
        var (report, exclusion) = computation.Run(file.Events, KpiWindow.All, confidence);
        var unfiltered = new KpiAccumulator([]);
        foreach (var e in file.Events) unfiltered.Add(e);
        var shown = report with { Dimensions = report.Dimensions.ToDictionary(kv => kv.Key, kv => kv.Value with { Rows = [.. kv.Value.Rows.Take(top)] }) };
        return new Result(file.Events.Count, file.Rejected, file.Events.Count == 0 ? 0 : Math.Round(report.Seconds / file.Events.Count * 1e6, 3),
            shown, KpiRow.Of("all", unfiltered.Overall, confidence), [.. exclusion.Flags.Values.OrderBy(f => f.At).Take(1_000)],
            truth?.Score(file.Events, exclusion.Flags, report.Overall, KpiRow.Of("all", unfiltered.Overall, confidence), confidence));
    }

    private static string Ctr(KpiRow row) => row.Ctr is { } ctr ? ctr.Value.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    private static double Number(string option, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a number in [{min}, {max}]");
}
