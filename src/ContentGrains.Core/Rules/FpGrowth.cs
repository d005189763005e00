namespace ContentGrains.Core.Rules;

/// <summary>
/// FP-Growth (Han, Pei and Yin, 2000): one pass counts items, a second builds an FP-tree of each basket's frequent
/// items in descending frequency, then each item's conditional pattern base (the paths above its nodes) becomes a
/// conditional tree mined recursively with the item appended to the suffix. Recursion stops at
/// <c>maxSize</c> items, so the cost is bounded by the itemsets of at most that size.
/// </summary>
public static class FpGrowth
{
    /// <summary>Every itemset of 1..<paramref name="maxSize"/> items held by at least <paramref name="minCount"/> baskets.</summary>
    /// <exception cref="InvalidOperationException">More than <paramref name="maxItemsets"/> itemsets are frequent.</exception>
    public static List<FrequentItemset> Mine(Baskets baskets, int minCount, int maxSize, int maxItemsets = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        var itemCounts = new int[baskets.Items.Count];
        foreach (var basket in baskets.Rows)
            foreach (var i in basket) itemCounts[i]++;
        // Rank 0 is the most frequent item; ties by index keep the order deterministic.
        var itemOfRank = Enumerable.Range(0, itemCounts.Length).Where(i => itemCounts[i] >= minCount)
            .OrderByDescending(i => itemCounts[i]).ThenBy(i => i).ToArray();
        var rankOfItem = new int[itemCounts.Length];
        Array.Fill(rankOfItem, -1);
        for (var r = 0; r < itemOfRank.Length; r++) rankOfItem[itemOfRank[r]] = r;

        var tree = new FpTree(itemOfRank.Length);
        var path = new List<int>();
        foreach (var basket in baskets.Rows)
        {
            path.Clear();
            foreach (var i in basket)
                if (rankOfItem[i] >= 0) path.Add(rankOfItem[i]);
            path.Sort();
            tree.Insert(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path), 1);
        }
        var found = new List<FrequentItemset>();
        new Miner(itemOfRank, minCount, maxSize, maxItemsets, found).Mine(tree, []);
        return found;
    }

    private sealed class Miner(int[] itemOfRank, int minCount, int maxSize, int maxItemsets, List<FrequentItemset> found)
    {
        private readonly int[] baseCounts = new int[itemOfRank.Length];
        private readonly List<int> path = [];

        public void Mine(FpTree tree, List<int> suffix)
        {
            for (var rank = itemOfRank.Length - 1; rank >= 0; rank--)
            {
                if (tree.Support[rank] < minCount) continue;
                suffix.Add(rank);
                Found(suffix, tree.Support[rank]);
                if (suffix.Count < maxSize)
                {
                    CountPatternBase(tree, rank);
                    // At the last level the conditional tree's supports are the pattern base's counts: no tree needed.
                    if (suffix.Count == maxSize - 1) FoundLastLevel(suffix, rank);
                    else if (Conditional(tree, rank) is { } conditional) Mine(conditional, suffix);
                }
                suffix.RemoveAt(suffix.Count - 1);
            }
        }

        private void Found(List<int> ranks, int count)
        {
            var items = new int[ranks.Count];
            for (var i = 0; i < items.Length; i++) items[i] = itemOfRank[ranks[i]];
            Array.Sort(items);
            found.Add(new FrequentItemset(items, count));
            if (found.Count > maxItemsets)
                throw new InvalidOperationException(
                    $"more than {maxItemsets:N0} itemsets are frequent at a minimum count of {minCount} with up to {maxSize} items; raise the minimum support or lower the maximum size");
        }

        private void FoundLastLevel(List<int> suffix, int rank)
        {
            for (var a = 0; a < rank; a++)
            {
                if (baseCounts[a] < minCount) continue;
                suffix.Add(a);
                Found(suffix, baseCounts[a]);
                suffix.RemoveAt(suffix.Count - 1);
            }
        }

        /// <summary>Counts, per rank above <paramref name="rank"/>'s nodes, the baskets of its conditional pattern base.</summary>
        private void CountPatternBase(FpTree tree, int rank)
        {
            Array.Clear(baseCounts, 0, rank);
            for (var node = tree.Head[rank]; node >= 0; node = tree.Next(node))
            {
                var count = tree.CountOf(node);
                for (var a = tree.Parent(node); a > 0; a = tree.Parent(a)) baseCounts[tree.RankOf(a)] += count;
            }
        }

        /// <summary>The tree of the paths above <paramref name="rank"/>'s nodes, keeping the items still frequent there; null when empty.</summary>
        private FpTree? Conditional(FpTree tree, int rank)
        {
            var conditional = new FpTree(itemOfRank.Length);
            for (var node = tree.Head[rank]; node >= 0; node = tree.Next(node))
            {
                path.Clear();
                for (var a = tree.Parent(node); a > 0; a = tree.Parent(a))
                    if (baseCounts[tree.RankOf(a)] >= minCount) path.Add(tree.RankOf(a));
                if (path.Count == 0) continue;
                path.Reverse();
                conditional.Insert(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path), tree.CountOf(node));
            }
            return conditional.IsEmpty ? null : conditional;
        }
    }
}
