using ContentGrains.Core.Rules;

namespace ContentGrains.Cli;

/// <summary>FP-Growth's itemsets and rules compared with the brute-force count's: equal when every itemset, count and rule matches.</summary>
public sealed record BruteForceCheck(bool Equal, int Itemsets, int Rules, int ItemsetsDiffering, int RulesDiffering, double Seconds)
{
    public static BruteForceCheck Run(Baskets baskets, RuleMiningOptions options)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var minCount = baskets.MinCount(options.MinSupport);
        var brute = BruteForceMiner.Mine(baskets, minCount, options.MaxSize);
        var bruteRules = BruteForceMiner.Rules(baskets, brute, options);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var fp = FpGrowth.Mine(baskets, minCount, options.MaxSize);
        var fpRules = RuleGenerator.Generate(fp, baskets.Count, options);
        var itemsetsDiffering = Differing(fp.Select(s => $"{s.Key}:{s.Count}"), brute.Select(s => $"{s.Key}:{s.Count}"));
        var rulesDiffering = Differing(fpRules.Select(Describe), bruteRules.Select(Describe));
        return new BruteForceCheck(itemsetsDiffering == 0 && rulesDiffering == 0, brute.Count, bruteRules.Count, itemsetsDiffering, rulesDiffering, seconds);
    }

    /// <summary>A rule with its count and its measures to 12 digits (the two paths divide the same integers).</summary>
    private static string Describe(AssociationRule r) => $"{r.Key}:{r.Count}:{r.Confidence:F12}:{r.Lift:F12}";

    private static int Differing(IEnumerable<string> a, IEnumerable<string> b)
    {
        var left = a.ToHashSet(StringComparer.Ordinal);
        var right = b.ToHashSet(StringComparer.Ordinal);
        left.SymmetricExceptWith(right);
        return left.Count;
    }
}
