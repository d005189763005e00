using System.Numerics.Tensors;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Topics;

/// <summary>
/// Agglomerative clustering with Ward's linkage (each merge is the one that least raises the within-cluster sum of
/// squares) over unit vectors, built once by the nearest-neighbour chain (O(n²) time, an n² distance matrix: 16 MB at
/// 2,000 points, so at most <see cref="CosineSilhouette.MaxPoints"/>), and cut at any k afterwards. Ward's linkage is
/// reducible, so the chain's merges sorted by their cost give the same tree as merging greedily.
/// </summary>
public sealed class WardDendrogram
{
    private readonly IReadOnlyList<float[]> points;
    private readonly (int A, int B, float Cost)[] merges;

    public WardDendrogram(IReadOnlyList<float[]> unitPoints)
    {
        if (unitPoints.Count < 2) throw new ArgumentException("points: Ward's clustering needs at least 2", nameof(unitPoints));
        if (unitPoints.Count > CosineSilhouette.MaxPoints)
            throw new ArgumentException($"points: {unitPoints.Count} given, at most {CosineSilhouette.MaxPoints} (pass a sample)", nameof(unitPoints));
        points = unitPoints;
        merges = Build(unitPoints);
        Array.Sort(merges, (x, y) => x.Cost.CompareTo(y.Cost));
    }

    /// <summary>The clustering with <paramref name="k"/> clusters: each point's cluster, unit centroids, total cosine to them.</summary>
    public ClusterFit Cut(int k)
    {
        if (k < 1 || k > points.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of points ({points.Count})");
        var parent = Enumerable.Range(0, points.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (var m = 0; m < points.Count - k; m++) parent[Find(merges[m].B)] = Find(merges[m].A);
        var roots = Enumerable.Range(0, points.Count).Select(Find).ToArray();
        var index = roots.Distinct().Order().Select((root, c) => (root, c)).ToDictionary(x => x.root, x => x.c);
        var assignments = roots.Select(r => index[r]).ToArray();
        var centroids = Enumerable.Range(0, k).Select(_ => new float[points[0].Length]).ToArray();
        for (var i = 0; i < points.Count; i++) TensorPrimitives.Add(centroids[assignments[i]], points[i], centroids[assignments[i]]);
        foreach (var c in centroids) UnitVector.Normalize(c);
        var cohesion = Enumerable.Range(0, points.Count).Sum(i => (double)TensorPrimitives.Dot(points[i], centroids[assignments[i]]));
        return new ClusterFit(assignments, centroids, cohesion);
    }

    /// <summary>The nearest-neighbour chain over squared Euclidean distances, updated by Lance-Williams for Ward.</summary>
    private static (int, int, float)[] Build(IReadOnlyList<float[]> p)
    {
        var n = p.Count;
        var d = new float[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                d[i * n + j] = d[j * n + i] = Math.Max(0f, 2f - 2f * TensorPrimitives.Dot(p[i], p[j]));
        var size = Enumerable.Repeat(1, n).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var chain = new List<int>();
        var result = new List<(int, int, float)>(n - 1);
        var next = 0;
        while (result.Count < n - 1)
        {
            if (chain.Count == 0)
            {
                while (!active[next]) next++;
                chain.Add(next);
            }
            var a = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            var b = previous;
            var best = previous >= 0 ? d[a * n + previous] : float.PositiveInfinity;
            for (var j = 0; j < n; j++)
                if (active[j] && j != a && d[a * n + j] < best) (b, best) = (j, d[a * n + j]);
            if (b != previous)
            {
                chain.Add(b);
                continue;
            }
            chain.RemoveRange(chain.Count - 2, 2);
            result.Add((a, b, best));
            Merge(d, n, size, active, a, b);
        }
        return result.ToArray();
    }

    /// <summary>b joins a: d(k, a∪b) = ((nₐ+nₖ)·d(k,a) + (n_b+nₖ)·d(k,b) − nₖ·d(a,b)) / (nₐ+n_b+nₖ).</summary>
    private static void Merge(float[] d, int n, int[] size, bool[] active, int a, int b)
    {
        var ab = d[a * n + b];
        for (var k = 0; k < n; k++)
        {
            if (!active[k] || k == a || k == b) continue;
            var value = ((size[a] + size[k]) * d[k * n + a] + (size[b] + size[k]) * d[k * n + b] - size[k] * ab) / (size[a] + size[b] + size[k]);
            d[k * n + a] = d[a * n + k] = value;
        }
        size[a] += size[b];
        active[b] = false;
    }
}
