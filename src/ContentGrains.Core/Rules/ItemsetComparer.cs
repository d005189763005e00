namespace ContentGrains.Core.Rules;

/// <summary>Compares sorted itemsets by their items (lexicographically), so they can key a dictionary without text keys.</summary>
public sealed class ItemsetComparer : IEqualityComparer<int[]>, IComparer<int[]>
{
    public static readonly ItemsetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => Collections.ArrayEquality<int>.Instance.Equals(x, y);

    public int GetHashCode(int[] items) => Collections.ArrayEquality<int>.Instance.GetHashCode(items);

    public int Compare(int[]? x, int[]? y) => x is null || y is null ? Comparer<object>.Default.Compare(x, y) : x.AsSpan().SequenceCompareTo(y);
}
