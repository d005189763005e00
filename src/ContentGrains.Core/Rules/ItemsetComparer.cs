namespace ContentGrains.Core.Rules;

/// <summary>Compares sorted itemsets by their items (lexicographically), so they can key a dictionary without text keys.</summary>
public sealed class ItemsetComparer : IEqualityComparer<int[]>, IComparer<int[]>
{
    public static readonly ItemsetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(int[] items)
    {
        var hash = new HashCode();
        foreach (var i in items) hash.Add(i);
        return hash.ToHashCode();
    }

    public int Compare(int[]? x, int[]? y) => x is null || y is null ? Comparer<object>.Default.Compare(x, y) : x.AsSpan().SequenceCompareTo(y);
}
