using System.Numerics.Tensors;

namespace ContentGrains.Core.Vectors;

/// <summary>
/// The coarse clusters of an inverted-file index: Lloyd's k-means (squared Euclidean distance, as FAISS' IVF trains
/// its coarse quantizer) fitted on a seeded sample of at most <see cref="SamplePerCluster"/> rows per cluster, then every
/// row assigned to its nearest centre. Distances are taken as ‖c‖² − 2 x·c (‖x‖² does not change the nearest centre).
/// Seeded: the same rows give the same clusters.
/// </summary>
public sealed record CoarseClusters(float[] Centroids, int[] Assignment)
{
    public const int SamplePerCluster = 32;
    public const int Iterations = 8;

    public static CoarseClusters Fit(ReadOnlySpan<float> rows, int count, int dimensions, int clusters, int seed)
    {
        clusters = Math.Clamp(clusters, 1, count);
        var random = new Random(seed);
        var sample = Enumerable.Range(0, count).ToArray();
        var sampled = Math.Min(count, SamplePerCluster * clusters);
        for (var i = 0; i < sampled; i++) // a partial Fisher-Yates shuffle: the first `sampled` are a uniform sample
        {
            var j = random.Next(i, count);
            (sample[i], sample[j]) = (sample[j], sample[i]);
        }
        var data = rows.ToArray();
        var centroids = new float[clusters * dimensions];
        for (var c = 0; c < clusters; c++) data.AsSpan(sample[c] * dimensions, dimensions).CopyTo(centroids.AsSpan(c * dimensions));
        var nearest = new int[sampled];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var norms = Norms(centroids, clusters, dimensions);
            Parallel.For(0, sampled, i => nearest[i] = Nearest(data.AsSpan(sample[i] * dimensions, dimensions), centroids, norms, dimensions));
            var sums = new double[clusters * dimensions];
            var sizes = new int[clusters];
            for (var i = 0; i < sampled; i++)
            {
                var (c, row) = (nearest[i], sample[i]);
                sizes[c]++;
                for (var j = 0; j < dimensions; j++) sums[c * dimensions + j] += data[row * dimensions + j];
            }
            for (var c = 0; c < clusters; c++)
                if (sizes[c] > 0) // an empty cluster keeps its centre
                    for (var j = 0; j < dimensions; j++) centroids[c * dimensions + j] = (float)(sums[c * dimensions + j] / sizes[c]);
        }
        var finalNorms = Norms(centroids, clusters, dimensions);
        var assignment = new int[count];
        Parallel.For(0, count, row => assignment[row] = Nearest(data.AsSpan(row * dimensions, dimensions), centroids, finalNorms, dimensions));
        return new CoarseClusters(centroids, assignment);
    }

    private static float[] Norms(float[] centroids, int clusters, int dimensions)
    {
        var norms = new float[clusters];
        for (var c = 0; c < clusters; c++)
        {
            var centre = centroids.AsSpan(c * dimensions, dimensions);
            norms[c] = TensorPrimitives.Dot(centre, centre);
        }
        return norms;
    }

    private static int Nearest(ReadOnlySpan<float> row, float[] centroids, float[] norms, int dimensions)
    {
        var (best, bestDistance) = (0, float.PositiveInfinity);
        for (var c = 0; c < norms.Length; c++)
        {
            var distance = norms[c] - 2 * TensorPrimitives.Dot(row, centroids.AsSpan(c * dimensions, dimensions));
            if (distance < bestDistance) (best, bestDistance) = (c, distance);
        }
        return best;
    }
}
