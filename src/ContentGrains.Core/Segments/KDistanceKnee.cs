namespace ContentGrains.Core.Segments;

/// <summary>
/// DBSCAN's eps from the k-distance graph (Ester et al.; the "kneedle" rule of Satopää et al. 2011): each point's distance
/// to its k-th nearest other point, sorted ascending, rises slowly inside clusters and steeply among the outliers;
/// eps is the distance at the knee, the point of the sorted curve farthest below the straight line from its first to
/// its last point (both axes scaled to [0, 1]). k is minPoints − 1, the neighbours a core point needs besides itself.
/// </summary>
public static class KDistanceKnee
{
    public static double Eps(float[][] distances, int k)
    {
        var sorted = KDistances(distances, k);
        if (sorted.Length < 3) throw new ArgumentException($"the k-distance knee needs at least 3 points, got {sorted.Length}", nameof(distances));
        var (first, last) = (sorted[0], sorted[^1]);
        if (last <= first) return Math.Max(last, 1e-6); // every point as near as every other: one eps fits all
        var best = 0;
        var bestGap = double.MinValue;
        for (var i = 0; i < sorted.Length; i++)
        {
            var x = (double)i / (sorted.Length - 1);
            var y = (sorted[i] - first) / (last - first);
            if (x - y > bestGap) (bestGap, best) = (x - y, i);
        }
        return Math.Max(sorted[best], 1e-6);
    }

    /// <summary>Each point's distance to its k-th nearest other point, ascending.</summary>
    public static double[] KDistances(float[][] distances, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        var n = distances.Length;
        if (n <= k) throw new ArgumentException($"{n} points have no {k}-th nearest neighbour", nameof(distances));
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = distances[i].Where((_, j) => j != i).OrderBy(d => d).ElementAt(k - 1);
            result[i] = row;
        }
        Array.Sort(result);
        return result;
    }
}
