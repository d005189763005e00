namespace ContentGrains.Core.Segments;

/// <summary>Euclidean distances between feature vectors, and the full matrix of a sample (n² floats: keep n to a few thousand).</summary>
public static class Distances
{
    public static double Euclidean(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} dimensions cannot be compared");
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    public static float[][] Matrix(IReadOnlyList<float[]> points)
    {
        var n = points.Count;
        var matrix = new float[n][];
        for (var i = 0; i < n; i++) matrix[i] = new float[n];
        Parallel.For(0, n, i =>
        {
            for (var j = i + 1; j < n; j++) matrix[i][j] = (float)Euclidean(points[i], points[j]);
        });
        for (var i = 0; i < n; i++)
            for (var j = 0; j < i; j++) matrix[i][j] = matrix[j][i];
        return matrix;
    }
}
