using System.Numerics.Tensors;

namespace ContentGrains.Core.Topics;

/// <summary>
/// A soft assignment of a unit vector to topics: softmax of its cosine to each topic centroid divided by a temperature.
/// Cosines between MiniLM texts span a narrow band (about 0.1 to 0.7), so a temperature of 0.05 turns a 0.15 cosine
/// lead into a weight ratio of e³ ≈ 20, while near ties share their weight.
/// </summary>
public static class TopicMixture
{
    public const float DefaultTemperature = 0.05f;

    public static float[] Of(ReadOnlySpan<float> unitVector, IReadOnlyList<float[]> centroids, float temperature = DefaultTemperature)
    {
        if (centroids.Count == 0) throw new ArgumentException("centroids: none given", nameof(centroids));
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be positive");
        var weights = new float[centroids.Count];
        for (var c = 0; c < weights.Length; c++)
        {
            if (centroids[c].Length != unitVector.Length)
                throw new ArgumentException($"vector has {unitVector.Length} dimensions, centroid {c} has {centroids[c].Length}", nameof(centroids));
            weights[c] = TensorPrimitives.Dot(unitVector, centroids[c]) / temperature;
        }
        TensorPrimitives.SoftMax(weights, weights);
        return weights;
    }
}
