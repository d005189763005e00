using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ContentGrains.Cli.CommandLine;
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Rules;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains rules --data FILE --format recbole|mind --min-support S --out F`: mines association rules with
/// FP-Growth and writes them as JSON. RecBole <c>.inter</c> ratings are cut into sessions (--session-gap minutes,
/// default 30); MIND's behaviors.tsv gives one basket per person from the history column. With --verify the
/// brute-force count runs too and the output says whether itemsets and rules are equal. Exit codes: 0 written
/// (and equal, with --verify), 1 brute force disagreed, 2 usage or data error.
/// </summary>
public static class RulesCommand
{
    private static readonly RuleMiningOptions Defaults = new();

    public static Command Create(CliIo io) => CommandTree.Leaf("rules",
        "Mines association rules with FP-Growth and writes them as JSON (RecBole ratings cut into sessions; MIND: one basket per person's history); --verify counts by brute force too. " +
        "Exit codes: 0 written (and equal), 1 brute force disagreed, 2 usage or data error.",
        [
            CommandTree.Value("data", "FILE", "A RecBole .inter file or MIND's behaviors.tsv. Required."),
            CommandTree.Value("format", "recbole|mind", "The file's format. Required."),
            CommandTree.Value("min-support", "S", "Minimum support (share of baskets).", Defaults.MinSupport.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("out", "FILE", "Write the rules (JSON) here. Required."),
            CommandTree.Value("min-confidence", "C", "Minimum confidence.", Defaults.MinConfidence.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("min-lift", "L", "Minimum lift.", Defaults.MinLift.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("max-size", "N", "Largest itemset.", Defaults.MaxSize.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Value("session-gap", "MINUTES", "RecBole: a pause this long starts a new basket.", SessionBaskets.DefaultGap.TotalMinutes.ToString(CultureInfo.InvariantCulture)),
            CommandTree.Flag("verify", "Count by brute force too and say whether itemsets and rules are equal."),
        ],
        values => Run(values, io.Output, io.Errors));

    /// <summary>Runs `rules` with the words after its name.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors) => CommandTree.Run(Create(new CliIo(output, errors)), args, new CliIo(output, errors));

    private static int Run(OptionValues values, TextWriter output, TextWriter errors)
    {
        var (data, format, outPath, verify) = (values.Text("data"), values.Text("format"), values.Text("out"), values.Flag("verify"));
        try
        {
            double? Given(string name) => values.Text(name) is { } text ? Number("--" + name, text) : null;
            var options = Defaults with
            {
                MinSupport = Given("min-support") ?? Defaults.MinSupport, MinConfidence = Given("min-confidence") ?? Defaults.MinConfidence,
                MinLift = Given("min-lift") ?? Defaults.MinLift, MaxSize = Given("max-size") is { } size ? (int)size : Defaults.MaxSize,
            };
            var gap = Given("session-gap") is { } minutes ? TimeSpan.FromMinutes(minutes) : SessionBaskets.DefaultGap;
            if (data is null || outPath is null) throw new ArgumentException("--data and --out are required");
            if (!File.Exists(data)) throw new ArgumentException($"--data: file '{data}' does not exist");
            if (options.Problem() is { } bad) throw new ArgumentException($"--{Kebab(bad.Field)} {bad.Reason}");
            if (gap <= TimeSpan.Zero) throw new ArgumentException("--session-gap must be positive");
            var (baskets, rule) = format switch
            {
                "recbole" => (BasketFiles.FromRecBole(data, gap), BasketFiles.RecBoleRule(gap)),
                "mind" => (BasketFiles.FromMindHistories(data), BasketFiles.MindRule),
                _ => throw new ArgumentException("--format must be recbole or mind"),
            };
            return Write(baskets, rule, options, verify, outPath, output);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or MindFormatException or IOException or InvalidOperationException)
        {
            errors.WriteLine($"rules: {error.Message}");
            values.WriteUsage(errors);
            return 2;
        }
    }

    private static int Write(Baskets baskets, string rule, RuleMiningOptions options, bool verify, string outPath, TextWriter output)
    {
        var mined = MinedRules.Mine(baskets, options, rule);
        var check = verify ? BruteForceCheck.Run(baskets, options) : null;
        var report = new { mined, bruteForce = check };
        File.WriteAllText(outPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        output.WriteLine($"rules: {mined.Baskets:N0} baskets, {mined.Items:N0} items, min count {mined.MinCount}, {mined.FrequentItemsets:N0} frequent itemsets, " +
            $"{mined.RulesFound:N0} rules in {mined.MineSeconds:F3} s" + (check is null ? "" : $"; brute force {(check.Equal ? "equal" : "DIFFERENT")} ({check.Seconds:F1} s)") +
            $" -> {outPath}");
        return check is { Equal: false } ? 1 : 0;
    }

    private static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a number");

    private static string Kebab(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
