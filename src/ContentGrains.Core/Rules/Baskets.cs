using ContentGrains.Core.Data;

namespace ContentGrains.Core.Rules;

/// <summary>
/// Transactions for rule mining: each basket is the distinct items (dense indices of <see cref="Items"/>) one
/// person took together, sorted ascending. Every basket counts in the support's denominator, a one-item basket too.
/// </summary>
public sealed class Baskets(IdMap items, IReadOnlyList<int[]> rows)
{
    public IdMap Items { get; } = items;

    public IReadOnlyList<int[]> Rows { get; } = rows;

    public int Count => Rows.Count;

    /// <summary>Baskets of external ids; each basket's duplicates are dropped.</summary>
    public static Baskets From(IEnumerable<IEnumerable<string>> baskets)
    {
        var items = new IdMap();
        var rows = baskets.Select(b => Distinct(b.Select(items.GetOrAdd))).Where(b => b.Length > 0).ToList();
        return new Baskets(items, rows);
    }

    /// <summary>The distinct indices, sorted ascending.</summary>
    public static int[] Distinct(IEnumerable<int> items)
    {
        var set = new SortedSet<int>(items);
        return [.. set];
    }

    /// <summary>The fewest baskets an itemset must appear in to reach <paramref name="minSupport"/> (a fraction of all baskets).</summary>
    public int MinCount(double minSupport) => Math.Max(1, (int)Math.Ceiling(minSupport * Count - 1e-9));
}
