namespace ContentGrains.Core.Rules;

/// <summary>
/// The reference FP-Growth is checked against: every combination of up to maxSize items of every basket is counted
/// in one table. Its one shortcut: a basket's items below the minimum count are dropped first (an itemset is never
/// more frequent than its rarest item). Rules are found by counting antecedents and consequents in the baskets
/// themselves, not from the itemset table. Itemsets are packed into a 64-bit key, so items × maxSize must fit.
/// </summary>
public static class BruteForceMiner
{
    public static List<FrequentItemset> Mine(Baskets baskets, int minCount, int maxSize)
    {
        var bits = BitsPerItem(baskets.Items.Count);
        if (bits * maxSize > 64)
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"brute force packs an itemset in 64 bits: {baskets.Items.Count} items allow at most {64 / bits}");
        var itemCounts = new int[baskets.Items.Count];
        foreach (var basket in baskets.Rows)
            foreach (var i in basket) itemCounts[i]++;
        var counts = new Dictionary<ulong, int>();
        var combination = new int[maxSize];
        foreach (var basket in baskets.Rows)
        {
            var kept = basket.Where(i => itemCounts[i] >= minCount).ToArray();
            for (var size = 1; size <= Math.Min(maxSize, kept.Length); size++) Count(kept, size, 0, 0, combination, counts, bits);
        }
        return counts.Where(kv => kv.Value >= minCount).Select(kv => new FrequentItemset(Unpack(kv.Key, bits), kv.Value)).ToList();
    }

    /// <summary>Every rule over the itemsets found, with confidence and lift from counts taken in the baskets.</summary>
    public static List<AssociationRule> Rules(Baskets baskets, IReadOnlyList<FrequentItemset> itemsets, RuleMiningOptions options)
    {
        var contains = baskets.Rows.Select(b => b.ToHashSet()).ToList();
        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        int CountOf(int[] items)
        {
            var key = FrequentItemset.KeyOf(items);
            if (!counted.TryGetValue(key, out var count)) counted[key] = count = contains.Count(b => items.All(b.Contains));
            return count;
        }
        var rules = new List<AssociationRule>();
        foreach (var set in itemsets.Where(s => s.Items.Length >= 2))
        {
            var n = set.Items.Length;
            for (var mask = 1; mask < (1 << n) - 1; mask++)
            {
                var antecedent = set.Items.Where((_, i) => ((mask >> i) & 1) == 1).ToArray();
                var consequent = set.Items.Where((_, i) => ((mask >> i) & 1) == 0).ToArray();
                var rule = RuleGenerator.Rule(antecedent, consequent, set.Count, CountOf(antecedent), CountOf(consequent), baskets.Count);
                if (rule.Confidence >= options.MinConfidence && rule.Lift >= options.MinLift) rules.Add(rule);
            }
        }
        return rules;
    }

    private static void Count(int[] items, int size, int from, int depth, int[] combination, Dictionary<ulong, int> counts, int bits)
    {
        if (depth == size)
        {
            ulong key = 0;
            for (var i = 0; i < size; i++) key = (key << bits) | (uint)(combination[i] + 1);
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
            return;
        }
        for (var i = from; i <= items.Length - (size - depth); i++)
        {
            combination[depth] = items[i];
            Count(items, size, i + 1, depth + 1, combination, counts, bits);
        }
    }

    private static int BitsPerItem(int items) => Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)items + 1));

    private static int[] Unpack(ulong key, int bits)
    {
        var items = new List<int>();
        var mask = (1UL << bits) - 1;
        for (; key != 0; key >>= bits) items.Add((int)(key & mask) - 1);
        items.Reverse();
        return items.ToArray();
    }
}
