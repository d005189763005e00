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
    public static List<FrequentItemset> Mine(Baskets baskets, int minCount, int maxSize)
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
        new Miner(itemOfRank, minCount, maxSize, found).Mine(tree, []);
        return found;
    }

    private sealed class Miner(int[] itemOfRank, int minCount, int maxSize, List<FrequentItemset> found)
    {
        private readonly int[] baseCounts = new int[itemOfRank.Length];
        private readonly List<int> path = [];

        public void Mine(FpTree tree, List<int> suffix)
        {
            for (var rank = itemOfRank.Length - 1; rank >= 0; rank--)
            {
                if (tree.Support[rank] < minCount) continue;
                suffix.Add(rank);
                found.Add(new FrequentItemset(suffix.Select(r => itemOfRank[r]).Order().ToArray(), tree.Support[rank]));
                if (suffix.Count < maxSize && Conditional(tree, rank) is { } conditional) Mine(conditional, suffix);
                suffix.RemoveAt(suffix.Count - 1);
            }
        }

        /// <summary>The tree of the paths above <paramref name="rank"/>'s nodes, keeping the items still frequent there; null when empty.</summary>
        private FpTree? Conditional(FpTree tree, int rank)
        {
            Array.Clear(baseCounts, 0, rank);
            for (var node = tree.Head[rank]; node >= 0; node = tree.Next(node))
                foreach (var a in tree.Ancestors(node)) baseCounts[a] += tree.CountOf(node);
            var conditional = new FpTree(itemOfRank.Length);
            for (var node = tree.Head[rank]; node >= 0; node = tree.Next(node))
            {
                path.Clear();
                foreach (var a in tree.Ancestors(node))
                    if (baseCounts[a] >= minCount) path.Add(a);
                if (path.Count == 0) continue;
                path.Reverse();
                conditional.Insert(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path), tree.CountOf(node));
            }
            return conditional.IsEmpty ? null : conditional;
        }
    }
}
