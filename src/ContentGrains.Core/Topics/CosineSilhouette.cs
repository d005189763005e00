using System.Numerics.Tensors;

namespace ContentGrains.Core.Topics;

/// <summary>
/// The mean silhouette of a clustering under cosine distance (1 - cosine), as scikit-learn defines it: for each point,
/// (b - a) / max(a, b), with a its mean distance to the rest of its cluster and b its mean distance to the nearest other
/// cluster; 0 for a point alone in its cluster. The pairwise distances are computed once and reused for every k tried:
/// n² floats (16 MB at 2,000 points), so callers pass a sample of a large catalog (see <see cref="MaxPoints"/>).
/// </summary>
public sealed class CosineSilhouette
{
    /// <summary>Most points the distance matrix is built for: 4,000 points take 64 MB.</summary>
    public const int MaxPoints = 4_000;

    private readonly float[] distances;

    public CosineSilhouette(IReadOnlyList<float[]> unitPoints)
    {
        if (unitPoints.Count < 2) throw new ArgumentException("points: the silhouette needs at least 2", nameof(unitPoints));
        if (unitPoints.Count > MaxPoints)
            throw new ArgumentException($"points: {unitPoints.Count} given, at most {MaxPoints} (pass a sample)", nameof(unitPoints));
        Count = unitPoints.Count;
        distances = new float[Count * Count];
        for (var i = 0; i < Count; i++)
            for (var j = i + 1; j < Count; j++)
                distances[i * Count + j] = distances[j * Count + i] = Math.Max(0f, 1f - TensorPrimitives.Dot(unitPoints[i], unitPoints[j]));
    }

    public int Count { get; }

    /// <summary>The mean silhouette of <paramref name="assignments"/> (one cluster index per point, 0..k-1); 0 when k is 1.</summary>
    public double Score(IReadOnlyList<int> assignments)
    {
        if (assignments.Count != Count) throw new ArgumentException($"assignments: {assignments.Count} given for {Count} points", nameof(assignments));
        var k = assignments.Max() + 1;
        var sizes = new int[k];
        foreach (var a in assignments) sizes[a]++;
        if (sizes.Count(s => s > 0) < 2) return 0;
        var total = 0.0;
        var sums = new double[k];
        for (var i = 0; i < Count; i++) total += PointScore(i, assignments, sizes, sums);
        return total / Count;
    }

    private double PointScore(int i, IReadOnlyList<int> assignments, int[] sizes, double[] sums)
    {
        var own = assignments[i];
        if (sizes[own] <= 1) return 0;
        Array.Clear(sums);
        var row = distances.AsSpan(i * Count, Count);
        for (var j = 0; j < Count; j++) sums[assignments[j]] += row[j];
        var a = sums[own] / (sizes[own] - 1);
        var b = double.PositiveInfinity;
        for (var c = 0; c < sums.Length; c++)
            if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
        var larger = Math.Max(a, b);
        return larger == 0 ? 0 : (b - a) / larger;
    }
}
