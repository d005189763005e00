namespace ContentGrains.Core.Vectors;

/// <summary>Always the exact scan: the default where no approximate index is registered (tests, small catalogs).</summary>
public sealed class ExactVectorIndexBuilder : IVectorIndexBuilder
{
    public IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions) => new ExactVectorIndex(vectors, dimensions);
}
