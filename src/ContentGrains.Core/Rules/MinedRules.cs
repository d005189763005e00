using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContentGrains.Core.Rules;

/// <summary>A rule with item ids: baskets with every item of If also hold every item of Then.</summary>
public sealed record RuleView(IReadOnlyList<string> If, IReadOnlyList<string> Then, int Count, double Support, double Confidence, double Lift);

/// <summary>
/// The outcome of one mining run, as the CLI writes it and as the engine stores it (the rules artifact): the
/// settings, how baskets were made, how many there were, the counts found, and the rules, strongest first
/// (confidence, then lift).
/// </summary>
public sealed record MinedRules(
    RuleMiningOptions Options,
    string BasketRule,
    int Baskets,
    int Items,
    int MinCount,
    int FrequentItemsets,
    int RulesFound,
    /// <summary>Seconds FP-Growth and rule generation took (not reading the data or naming the items).</summary>
    double MineSeconds,
    IReadOnlyList<RuleView> Rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Mines <paramref name="baskets"/> with FP-Growth and names the items back.</summary>
    public static MinedRules Mine(Baskets baskets, RuleMiningOptions options, string basketRule)
    {
        options = options.Validated();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var minCount = baskets.MinCount(options.MinSupport);
        var itemsets = FpGrowth.Mine(baskets, minCount, options.MaxSize, options.MaxItemsets);
        var rules = RuleGenerator.Generate(itemsets, baskets.Count, options);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var views = rules.OrderByDescending(r => r.Confidence).ThenByDescending(r => r.Lift)
            .ThenBy(r => r.Antecedent, ItemsetComparer.Instance).ThenBy(r => r.Consequent, ItemsetComparer.Instance)
            .Select(r => new RuleView(Names(baskets, r.Antecedent), Names(baskets, r.Consequent), r.Count, r.Support, r.Confidence, r.Lift))
            .ToList();
        return new MinedRules(options, basketRule, baskets.Count, baskets.Items.Count, minCount, itemsets.Count, rules.Count, seconds, views);
    }

    /// <summary>
    /// What the engine serves: the rules with one consequent item, at most <paramref name="perAntecedent"/> per
    /// antecedent (the strongest), so the artifact stays small whatever the catalog.
    /// </summary>
    public MinedRules ForServing(int perAntecedent) => this with
    {
        Rules = Rules.Where(r => r.Then.Count == 1)
            .GroupBy(r => string.Join('\u001f', r.If))
            .SelectMany(g => g.Take(perAntecedent))
            .ToList(),
    };

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static MinedRules FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<MinedRules>(json, Json) ?? throw new InvalidDataException("the rules artifact is empty");

    private static string[] Names(Baskets baskets, int[] items) => items.Select(baskets.Items.IdOf).Order(StringComparer.Ordinal).ToArray();
}
