namespace ContentGrains.Core.Vectors;

/// <summary>The argument checks every <see cref="IVectorIndex"/> makes, so each says the same thing about bad input.</summary>
public static class VectorArguments
{
    /// <summary>Checks a flat row-major block of vectors; returns how many rows it holds.</summary>
    public static int CheckRows(ReadOnlySpan<float> vectors, int dimensions)
    {
        if (dimensions <= 0)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "dimensions must be positive");
        if (vectors.Length % dimensions != 0)
            throw new ArgumentException($"vectors holds {vectors.Length} floats, not a whole number of {dimensions}-dimension rows", nameof(vectors));
        foreach (var value in vectors)
            if (!float.IsFinite(value))
                throw new ArgumentException("vectors must be finite (a NaN or infinity was found)", nameof(vectors));
        return vectors.Length / dimensions;
    }

    public static void CheckSearch(ReadOnlySpan<float> query, Span<int> keys, Span<float> scores, int dimensions)
    {
        if (query.Length != dimensions)
            throw new ArgumentException($"query has {query.Length} dimensions, the index has {dimensions}", nameof(query));
        if (scores.Length != keys.Length)
            throw new ArgumentException($"scores has room for {scores.Length} results, keys for {keys.Length}: they must match", nameof(scores));
        foreach (var value in query)
            if (!float.IsFinite(value))
                throw new ArgumentException("query must be finite (a NaN or infinity was found)", nameof(query));
    }
}
