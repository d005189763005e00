namespace ContentGrains.Core.Vectors;

/// <summary>Recall@k of an approximate index against the exact one: the share of the exact top-k that it also returns.</summary>
public static class IndexRecall
{
    public static double AtK(IVectorIndex approximate, IVectorIndex exact, ReadOnlySpan<float> queries, int k, Func<int, bool>? allow = null)
    {
        if (approximate.Dimensions != exact.Dimensions)
            throw new ArgumentException($"the indices have {approximate.Dimensions} and {exact.Dimensions} dimensions", nameof(exact));
        var d = exact.Dimensions;
        var truth = new int[k];
        var found = new int[k];
        var scores = new float[k];
        long hits = 0, relevant = 0;
        for (var q = 0; q + d <= queries.Length; q += d)
        {
            var query = queries.Slice(q, d);
            var expected = exact.Search(query, truth, scores, allow);
            var returned = approximate.Search(query, found, scores, allow);
            var wanted = new HashSet<int>(truth.AsSpan(0, expected).ToArray());
            for (var i = 0; i < returned; i++)
                if (wanted.Contains(found[i])) hits++;
            relevant += expected;
        }
        return relevant == 0 ? 1.0 : (double)hits / relevant;
    }
}
