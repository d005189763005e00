using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Tests.Topics;

/// <summary>Unit vectors around a few random directions: clusters whose truth the tests know.</summary>
internal static class PlantedTopics
{
    public static (float[][] Points, int[] Truth) Draw(int clusters, int perCluster, int dimensions, float noise, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Gaussian(random, dimensions, 1f)).ToArray();
        var points = new List<float[]>();
        var truth = new List<int>();
        for (var c = 0; c < clusters; c++)
            for (var i = 0; i < perCluster; i++)
            {
                var point = Gaussian(random, dimensions, noise);
                for (var j = 0; j < dimensions; j++) point[j] += centres[c][j];
                UnitVector.Normalize(point);
                points.Add(point);
                truth.Add(c);
            }
        return (points.ToArray(), truth.ToArray());
    }

    private static float[] Gaussian(Random random, int dimensions, float scale) =>
        Enumerable.Range(0, dimensions)
            .Select(_ => scale * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .ToArray();
}
