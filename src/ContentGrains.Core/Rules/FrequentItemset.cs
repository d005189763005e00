namespace ContentGrains.Core.Rules;

/// <summary>A set of item indices (sorted ascending) and the number of baskets that hold all of them.</summary>
public sealed record FrequentItemset(int[] Items, int Count)
{
    /// <summary>A canonical text key ("3,17,40") for comparing and looking up itemsets.</summary>
    public string Key => KeyOf(Items);

    public static string KeyOf(IEnumerable<int> sortedItems) => string.Join(',', sortedItems);
}
