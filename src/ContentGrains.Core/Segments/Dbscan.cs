namespace ContentGrains.Core.Segments;

/// <summary>The result of <see cref="Dbscan"/>: a label per point (0.. clusters − 1, or −1 for noise).</summary>
public sealed record DbscanResult(int[] Labels, double Eps, int MinPoints)
{
    public int Clusters => Labels.Length == 0 ? 0 : Labels.Max() + 1;
    public int Noise => Labels.Count(l => l < 0);
}

/// <summary>
/// DBSCAN (Ester et al. 1996) over a distance matrix. A point is a core point when at least <c>minPoints</c> points
/// (itself included) lie within <c>eps</c>; clusters are the core points joined through each other's neighbourhoods, plus
/// the border points within eps of one (a border point joins the first cluster that reaches it, in point order);
/// the rest is noise (−1). Clusters are numbered in order of their first point, so the result is deterministic.
/// </summary>
public static class Dbscan
{
    public const int Noise = -1;
    private const int Unvisited = -2;

    public static DbscanResult Run(float[][] distances, double eps, int minPoints)
    {
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive");
        if (minPoints < 1) throw new ArgumentOutOfRangeException(nameof(minPoints), minPoints, "minPoints must be at least 1");
        var n = distances.Length;
        var labels = Enumerable.Repeat(Unvisited, n).ToArray();
        var cluster = 0;
        for (var p = 0; p < n; p++)
        {
            if (labels[p] != Unvisited) continue;
            var neighbours = Within(distances, p, eps);
            if (neighbours.Count < minPoints) { labels[p] = Noise; continue; }
            Grow(distances, labels, p, neighbours, cluster++, eps, minPoints);
        }
        return new DbscanResult(labels, eps, minPoints);
    }

    private static void Grow(float[][] distances, int[] labels, int seed, List<int> neighbours, int cluster, double eps, int minPoints)
    {
        labels[seed] = cluster;
        var queue = new Queue<int>(neighbours);
        while (queue.TryDequeue(out var q))
        {
            if (labels[q] == Noise) labels[q] = cluster; // a border point
            if (labels[q] != Unvisited) continue;
            labels[q] = cluster;
            var around = Within(distances, q, eps);
            if (around.Count >= minPoints) foreach (var r in around) queue.Enqueue(r);
        }
    }

    private static List<int> Within(float[][] distances, int p, double eps)
    {
        var row = distances[p];
        var found = new List<int>();
        for (var j = 0; j < row.Length; j++) if (row[j] <= eps) found.Add(j);
        return found;
    }
}
