using System.Numerics.Tensors;
using ContentGrains.Core.Vectors;

namespace ContentGrains.Core.Topics;

/// <summary>The mean of a corpus' unit vectors, and a vector seen from it (the mean taken off, scaled back to unit length).</summary>
public static class CorpusCentre
{
    public static float[] Of(IReadOnlyList<float[]> vectors)
    {
        if (vectors.Count == 0) throw new ArgumentException("vectors: none given", nameof(vectors));
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            if (v.Length != mean.Length) throw new ArgumentException($"vectors: one has {v.Length} dimensions, the first {mean.Length}", nameof(vectors));
            TensorPrimitives.Add(mean, v, mean);
        }
        TensorPrimitives.Divide(mean, vectors.Count, mean);
        return mean;
    }

    public static float[] Apply(float[] vector, float[] centre)
    {
        if (vector.Length != centre.Length) throw new ArgumentException($"vector has {vector.Length} dimensions, the centre {centre.Length}", nameof(vector));
        var centred = new float[vector.Length];
        TensorPrimitives.Subtract(vector, centre, centred);
        UnitVector.Normalize(centred);
        return centred;
    }
}
