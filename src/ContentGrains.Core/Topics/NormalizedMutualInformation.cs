namespace ContentGrains.Core.Topics;

/// <summary>
/// Normalised mutual information between two labelings of the same items, MI / mean(H(U), H(V)) in natural logs: the
/// "arithmetic" normalisation that scikit-learn's normalized_mutual_info_score uses by default. 1 when the labelings
/// agree up to renaming, 0 when they are independent; 1 when both put every item in one class (scikit-learn's convention).
/// </summary>
public static class NormalizedMutualInformation
{
    public static double Between<TA, TB>(IReadOnlyList<TA> first, IReadOnlyList<TB> second)
        where TA : notnull where TB : notnull
    {
        if (first.Count != second.Count) throw new ArgumentException($"labelings differ in length: {first.Count} and {second.Count}", nameof(second));
        if (first.Count == 0) throw new ArgumentException("labelings are empty", nameof(first));
        var n = (double)first.Count;
        var joint = new Dictionary<(TA, TB), int>();
        var left = new Dictionary<TA, int>();
        var right = new Dictionary<TB, int>();
        for (var i = 0; i < first.Count; i++)
        {
            joint[(first[i], second[i])] = joint.GetValueOrDefault((first[i], second[i])) + 1;
            left[first[i]] = left.GetValueOrDefault(first[i]) + 1;
            right[second[i]] = right.GetValueOrDefault(second[i]) + 1;
        }
        if (left.Count == 1 && right.Count == 1) return 1;
        var mutual = joint.Sum(cell => cell.Value / n * Math.Log(cell.Value * n / ((double)left[cell.Key.Item1] * right[cell.Key.Item2])));
        var mean = (Entropy(left.Values, n) + Entropy(right.Values, n)) / 2;
        return mean <= 0 ? 0 : Math.Clamp(mutual / mean, 0, 1);
    }

    private static double Entropy(IEnumerable<int> counts, double n) => -counts.Sum(c => c / n * Math.Log(c / n));
}
