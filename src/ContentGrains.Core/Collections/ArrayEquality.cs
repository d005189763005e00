namespace ContentGrains.Core.Collections;

/// <summary>Equality of arrays by their elements in order, so arrays can key a dictionary or a set by value.</summary>
public sealed class ArrayEquality<T> : IEqualityComparer<T[]> where T : IEquatable<T>
{
    public static readonly ArrayEquality<T> Instance = new();

    public bool Equals(T[]? x, T[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(T[] values)
    {
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value);
        return hash.ToHashCode();
    }
}
