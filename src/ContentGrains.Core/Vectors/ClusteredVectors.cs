namespace ContentGrains.Core.Vectors;

/// <summary>
/// Synthetic item vectors shaped like learned embeddings: Gaussian clusters (topics) around random centres, with
/// lengths that vary per item. Seeded, so tests and benchmarks see the same data on every run.
/// </summary>
public static class ClusteredVectors
{
    /// <summary><paramref name="count"/> item rows of <paramref name="dimensions"/> floats, row-major.</summary>
    public static float[] Generate(int count, int dimensions, int clusters, int seed) =>
        Draw(count, dimensions, clusters, seed, new Random(seed), spread: 0.35f);

    /// <summary>Query vectors around the same centres as <see cref="Generate"/> with that seed, wider spread (users live near the topics they like).</summary>
    public static float[] Queries(int count, int dimensions, int clusters, int seed) =>
        Draw(count, dimensions, clusters, seed, new Random(seed + 7919), spread: 0.6f);

    private static float[] Draw(int count, int dimensions, int clusters, int seed, Random random, float spread)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        var centres = Centres(dimensions, clusters, seed);
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

    private static float[] Centres(int dimensions, int clusters, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var centres = new float[clusters * dimensions];
        for (var i = 0; i < centres.Length; i++) centres[i] = Gaussian(random);
        return centres;
    }

    private static float Gaussian(Random random)
    {
        // Box–Muller: two uniforms give one standard normal.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}
