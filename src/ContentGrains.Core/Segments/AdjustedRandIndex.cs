namespace ContentGrains.Core.Segments;

/// <summary>
/// The adjusted Rand index of two labelings of the same people (Hubert and Arabie 1985): the Rand index corrected for
/// chance, 1 when they agree up to renaming, about 0 for independent labelings, negative when worse than chance.
/// ARI = (Σ C(n_ij, 2) − E) / (½(Σ C(a_i, 2) + Σ C(b_j, 2)) − E), E = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2).
/// Labels are compared as they are: give noise points a label of their own before calling when they should count.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Of(IReadOnlyList<int> truth, IReadOnlyList<int> found)
    {
        if (truth.Count != found.Count) throw new ArgumentException($"{truth.Count} true labels against {found.Count} found ones", nameof(found));
        if (truth.Count < 2) throw new ArgumentException("the adjusted Rand index needs at least two people", nameof(truth));
        var pairs = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            pairs[(truth[i], found[i])] = pairs.GetValueOrDefault((truth[i], found[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[found[i]] = columns.GetValueOrDefault(found[i]) + 1;
        }
        var index = pairs.Values.Sum(Choose2);
        var rowSum = rows.Values.Sum(Choose2);
        var columnSum = columns.Values.Sum(Choose2);
        var expected = rowSum * columnSum / Choose2(truth.Count);
        var max = (rowSum + columnSum) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected); // both all in one group, or all apart: identical
    }

    private static double Choose2(long n) => n * (n - 1) / 2.0;
}
