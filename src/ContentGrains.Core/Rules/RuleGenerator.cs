namespace ContentGrains.Core.Rules;

/// <summary>
/// Splits each frequent itemset of two or more items into every antecedent ⇒ consequent pair (both non-empty) and
/// keeps the rules that reach the minimum confidence and lift. Every subset of a frequent itemset is frequent, so
/// the counts of antecedent and consequent are among the itemsets found.
/// </summary>
public static class RuleGenerator
{
    public static List<AssociationRule> Generate(IReadOnlyList<FrequentItemset> itemsets, int baskets, RuleMiningOptions options)
    {
        var countOf = itemsets.ToDictionary(s => s.Items, s => s.Count, ItemsetComparer.Instance);
        var rules = new List<AssociationRule>();
        foreach (var set in itemsets)
        {
            if (set.Items.Length < 2) continue;
            var n = set.Items.Length;
            for (var mask = 1; mask < (1 << n) - 1; mask++)
            {
                var antecedent = Pick(set.Items, mask, true);
                var consequent = Pick(set.Items, mask, false);
                var rule = Rule(antecedent, consequent, set.Count, countOf[antecedent], countOf[consequent], baskets);
                if (rule.Confidence >= options.MinConfidence && rule.Lift >= options.MinLift) rules.Add(rule);
            }
        }
        return rules;
    }

    /// <summary>A rule from its counts: both, antecedent, consequent, and all baskets.</summary>
    public static AssociationRule Rule(int[] antecedent, int[] consequent, int both, int antecedentCount, int consequentCount, int baskets)
    {
        var confidence = (double)both / antecedentCount;
        return new AssociationRule(antecedent, consequent, both, (double)both / baskets, confidence, confidence / ((double)consequentCount / baskets));
    }

    /// <summary>The items whose bit in <paramref name="mask"/> is <paramref name="set"/>.</summary>
    private static int[] Pick(int[] items, int mask, bool set)
    {
        var picked = new List<int>(items.Length);
        for (var i = 0; i < items.Length; i++)
            if (((mask >> i) & 1) == 1 == set) picked.Add(items[i]);
        return picked.ToArray();
    }
}
