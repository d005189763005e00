namespace ContentGrains.Core.Vectors;

/// <summary>
/// Synthetic item vectors shaped like learned embeddings: Gaussian clusters (topics) around random centres, with
/// lengths that vary per item. Seeded, so tests and benchmarks see the same data on every run.
/// </summary>
public static class ClusteredVectors
{
    /// <summary><paramref name="count"/> rows of <paramref name="dimensions"/> floats, row-major.</summary>
    public static float[] Generate(int count, int dimensions, int clusters, int seed, float spread = 0.35f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        var random = new Random(seed);
        var centres = new float[clusters * dimensions];
        for (var i = 0; i < centres.Length; i++) centres[i] = Gaussian(random);
        var rows = new float[(long)count * dimensions];
        for (var item = 0; item < count; item++)
        {
            var centre = random.Next(clusters) * dimensions;
            var length = 0.5f + (float)random.NextDouble(); // popularity-like spread of norms
            for (var j = 0; j < dimensions; j++)
                rows[(long)item * dimensions + j] = length * (centres[centre + j] + spread * Gaussian(random));
        }
        return rows;
    }

    /// <summary>Query vectors drawn the same way (users live near the topics they like).</summary>
    public static float[] Queries(int count, int dimensions, int clusters, int seed) =>
        Generate(count, dimensions, clusters, seed + 7919, spread: 0.6f);

    private static float Gaussian(Random random)
    {
        // Box–Muller: two uniforms give one standard normal.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}
