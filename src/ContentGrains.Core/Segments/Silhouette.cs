namespace ContentGrains.Core.Segments;

/// <summary>
/// The mean silhouette of a clustering (Rousseeuw 1987): for each point, a = its mean distance to the rest of its
/// cluster, b = its smallest mean distance to another cluster, s = (b − a) / max(a, b); a point alone in its cluster
/// scores 0. Noise (label −1) is left out. Between −1 and 1; higher means tighter, better separated clusters.
/// Undefined for fewer than two clusters: returns null.
/// </summary>
public static class Silhouette
{
    public static double? Mean(float[][] distances, IReadOnlyList<int> labels)
    {
        if (distances.Length != labels.Count) throw new ArgumentException($"{labels.Count} labels for {distances.Length} points", nameof(labels));
        var clusters = labels.Where(l => l >= 0).Distinct().OrderBy(l => l).ToArray();
        if (clusters.Length < 2) return null;
        var slot = clusters.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i);
        var sizes = new int[clusters.Length];
        foreach (var label in labels) if (label >= 0) sizes[slot[label]]++;
        double total = 0;
        var counted = 0;
        var sums = new double[clusters.Length];
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0) continue;
            Array.Clear(sums);
            for (var j = 0; j < labels.Count; j++)
                if (j != i && labels[j] >= 0) sums[slot[labels[j]]] += distances[i][j];
            var own = slot[labels[i]];
            counted++;
            if (sizes[own] == 1) continue; // s = 0
            var a = sums[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < clusters.Length; c++)
                if (c != own) b = Math.Min(b, sums[c] / sizes[c]);
            var max = Math.Max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / counted;
    }
}
