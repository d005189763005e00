using System.Globalization;
using System.Text.Json;
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
    private const string Usage = "usage: rules --data FILE --format recbole|mind --min-support S --out F [--min-confidence C] [--min-lift L] [--max-size 2] [--session-gap MINUTES] [--verify]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        string? data = null, format = null, outPath = null;
        var options = new RuleMiningOptions();
        var gap = Core.Rules.SessionBaskets.DefaultGap;
        var verify = false;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--data" when i + 1 < args.Count: data = args[++i]; break;
                    case "--format" when i + 1 < args.Count: format = args[++i]; break;
                    case "--out" when i + 1 < args.Count: outPath = args[++i]; break;
                    case "--min-support" when i + 1 < args.Count: options = options with { MinSupport = Number("--min-support", args[++i]) }; break;
                    case "--min-confidence" when i + 1 < args.Count: options = options with { MinConfidence = Number("--min-confidence", args[++i]) }; break;
                    case "--min-lift" when i + 1 < args.Count: options = options with { MinLift = Number("--min-lift", args[++i]) }; break;
                    case "--max-size" when i + 1 < args.Count: options = options with { MaxSize = (int)Number("--max-size", args[++i]) }; break;
                    case "--session-gap" when i + 1 < args.Count: gap = TimeSpan.FromMinutes(Number("--session-gap", args[++i])); break;
                    case "--verify": verify = true; break;
                    default: throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
                }
            }
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
            errors.WriteLine(Usage);
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
