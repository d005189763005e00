using System.Numerics.Tensors;

namespace ContentGrains.Core.Vectors;

/// <summary>Scaling a vector to unit length in place, so a dot product is a cosine.</summary>
public static class UnitVector
{
    /// <summary>Divides <paramref name="vector"/> by its length; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }
}
