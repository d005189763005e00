using System.Numerics.Tensors;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Topics;

/// <summary>
/// k-means on unit vectors with cosine similarity (spherical k-means): each centroid is the normalised mean of its
/// points, each point joins the centroid it is most alike. Seeded k-means++ starts, several restarts, the fit with the
/// highest total similarity kept, so the same seed gives the same clusters. Points must be unit length (MiniLM's are).
/// </summary>
public sealed class SphericalKMeans
{
    public SphericalKMeans(int restarts = 8, int maxIterations = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        Restarts = restarts;
        MaxIterations = maxIterations;
    }

    public int Restarts { get; }
    public int MaxIterations { get; }

    public ClusterFit Fit(IReadOnlyList<float[]> points, int k, int seed)
    {
        if (points.Count == 0) throw new ArgumentException("points: none given", nameof(points));
        if (k < 1 || k > points.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of points ({points.Count})");
        var random = new Random(seed);
        ClusterFit? best = null;
        for (var r = 0; r < Restarts; r++)
        {
            var fit = FitOnce(points, k, random);
            if (best is null || fit.Cohesion > best.Cohesion) best = fit;
        }
        return best!;
    }

    private ClusterFit FitOnce(IReadOnlyList<float[]> points, int k, Random random)
    {
        var centroids = PlusPlusStart(points, k, random);
        var assignments = new int[points.Count];
        Array.Fill(assignments, -1);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (!Assign(points, centroids, assignments)) break;
            centroids = Centroids(points, assignments, k, centroids);
        }
        return new ClusterFit(assignments, centroids, Cohesion(points, centroids, assignments));
    }

    /// <summary>k-means++: each next start is a point drawn with chance proportional to its cosine distance to the nearest start.</summary>
    private static float[][] PlusPlusStart(IReadOnlyList<float[]> points, int k, Random random)
    {
        var starts = new List<float[]> { (float[])points[random.Next(points.Count)].Clone() };
        var nearest = points.Select(p => Distance(p, starts[0])).ToArray();
        while (starts.Count < k)
        {
            var total = nearest.Sum();
            var pick = total <= 0 ? random.Next(points.Count) : Draw(nearest, random.NextDouble() * total);
            var start = (float[])points[pick].Clone();
            starts.Add(start);
            for (var i = 0; i < points.Count; i++) nearest[i] = Math.Min(nearest[i], Distance(points[i], start));
        }
        return starts.ToArray();
    }

    private static int Draw(double[] weights, double target)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target <= 0) return i;
        }
        return weights.Length - 1;
    }

    private static double Distance(float[] a, float[] b) => Math.Max(0, 1 - TensorPrimitives.Dot(a, b));

    /// <summary>Moves each point to its most alike centroid; false when none moved.</summary>
    private static bool Assign(IReadOnlyList<float[]> points, float[][] centroids, int[] assignments)
    {
        var moved = false;
        for (var i = 0; i < points.Count; i++)
        {
            var best = Nearest(points[i], centroids);
            if (best == assignments[i]) continue;
            assignments[i] = best;
            moved = true;
        }
        return moved;
    }

    internal static int Nearest(float[] point, float[][] centroids)
    {
        var best = 0;
        var bestSimilarity = float.NegativeInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var similarity = TensorPrimitives.Dot(point, centroids[c]);
            if (similarity > bestSimilarity) (best, bestSimilarity) = (c, similarity);
        }
        return best;
    }

    /// <summary>Normalised sums; an emptied cluster takes the point least alike its own centroid, so k clusters remain.</summary>
    private static float[][] Centroids(IReadOnlyList<float[]> points, int[] assignments, int k, float[][] previous)
    {
        var dimensions = points[0].Length;
        var sums = Enumerable.Range(0, k).Select(_ => new float[dimensions]).ToArray();
        var sizes = new int[k];
        for (var i = 0; i < points.Count; i++)
        {
            TensorPrimitives.Add(sums[assignments[i]], points[i], sums[assignments[i]]);
            sizes[assignments[i]]++;
        }
        for (var c = 0; c < k; c++)
        {
            if (sizes[c] == 0) sums[c] = (float[])points[Worst(points, previous, assignments)].Clone();
            UnitVector.Normalize(sums[c]);
        }
        return sums;
    }

    private static int Worst(IReadOnlyList<float[]> points, float[][] centroids, int[] assignments)
    {
        var worst = 0;
        var lowest = float.PositiveInfinity;
        for (var i = 0; i < points.Count; i++)
        {
            var similarity = TensorPrimitives.Dot(points[i], centroids[assignments[i]]);
            if (similarity < lowest) (worst, lowest) = (i, similarity);
        }
        return worst;
    }

    private static double Cohesion(IReadOnlyList<float[]> points, float[][] centroids, int[] assignments)
    {
        var total = 0.0;
        for (var i = 0; i < points.Count; i++) total += TensorPrimitives.Dot(points[i], centroids[assignments[i]]);
        return total;
    }
}

/// <summary>A clustering: each point's cluster, the unit centroids, and the total cosine similarity of points to their centroid.</summary>
public sealed record ClusterFit(int[] Assignments, float[][] Centroids, double Cohesion)
{
    public int K => Centroids.Length;

    public int[] Sizes()
    {
        var sizes = new int[K];
        foreach (var a in Assignments) sizes[a]++;
        return sizes;
    }
}
