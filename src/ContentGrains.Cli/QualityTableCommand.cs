using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains quality-table --in a.json [--in b.json …] [--readme README.md]`: turns `evaluate` reports into one
/// markdown table per report (test metrics @10 and @20, mean ± sd over seeds when there are several, train seconds),
/// prints them, and with --readme replaces the text between <c>&lt;!-- quality:begin --&gt;</c> and
/// <c>&lt;!-- quality:end --&gt;</c> in that file.
/// </summary>
public static class QualityTableCommand
{
    public const string Begin = "<!-- quality:begin -->";
    public const string End = "<!-- quality:end -->";

    private static readonly string[] Metrics = ["ndcg@10", "recall@10", "mrr@10", "ndcg@20", "recall@20"];

    public static Command Create(CliIo io) => CommandTree.Leaf("quality-table",
        "Turns evaluate reports into one Markdown table; with --readme, replaces the table between the quality markers in that file.",
        [
            CommandTree.Repeated("in", "REPORT.json", "An evaluate report; give --in once per report (at least one)."),
            CommandTree.Value("readme", "FILE", $"Replace the text between {Begin} and {End} in this file."),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `quality-table` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var inputs = values.Texts("in");
        var readme = values.Text("readme");
        if (inputs.Count == 0)
            return Fail(errors, "give at least one --in report.json");

        var markdown = new StringBuilder();
        foreach (var path in inputs)
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject report)
                return Fail(errors, $"{path} is not an evaluate report");
            markdown.Append(Table(report, Path.GetFileName(path))).AppendLine();
        }
        var text = markdown.ToString().TrimEnd() + Environment.NewLine;
        output.Write(text);

        if (readme is not null)
        {
            var content = File.ReadAllText(readme);
            var (from, to) = (content.IndexOf(Begin, StringComparison.Ordinal), content.IndexOf(End, StringComparison.Ordinal));
            if (from < 0 || to < from)
                return Fail(errors, $"{readme} has no {Begin} … {End} block");
            var updated = content[..(from + Begin.Length)] + Environment.NewLine + text + content[to..];
            File.WriteAllText(readme, updated);
            output.WriteLine($"updated {readme}");
        }
        return 0;
    }

    /// <summary>One markdown table for one `evaluate` report.</summary>
    public static string Table(JsonObject report, string source)
    {
        var protocol = report["protocol"]?.AsObject();
        var seeds = protocol?["seeds"] is JsonArray list && list.Count > 1 ? list.Count : 0;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"**{report["dataset"]}**, split {protocol?["split"]}{(seeds > 0 ? $", mean ± sd over {seeds} seeds" : "")}, test set, full ranking ({source}):");
        text.AppendLine();
        text.AppendLine("| model | " + string.Join(" | ", Metrics.Select(m => m.Replace("ndcg", "NDCG").Replace("recall", "Recall").Replace("mrr", "MRR"))) + " | train s |");
        text.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", Metrics.Length + 1)));
        foreach (var model in report["models"]?.AsArray() ?? [])
        {
            var test = model?["test"]?.AsObject();
            var sd = model?["testStd"]?.AsObject();
            var cells = Metrics.Select(metric => test?[metric] is { } value
                ? Number(value) + (sd?[metric] is { } spread ? " ± " + Number(spread) : "")
                : "–");
            text.AppendLine($"| {model?["name"]} | {string.Join(" | ", cells)} | {Number(model?["trainSeconds"], "F1")} |");
        }
        return text.ToString();
    }

    private static string Number(JsonNode? node, string format = "F4") =>
        node is null ? "–" : node.GetValue<double>().ToString(format, CultureInfo.InvariantCulture);

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine($"quality-table: {message}");
        return 2;
    }
}
