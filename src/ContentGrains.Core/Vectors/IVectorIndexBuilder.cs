namespace ContentGrains.Core.Vectors;

/// <summary>
/// Builds the retrieval index a silo serves for a model's item vectors. Core ships the exact scan
/// (<see cref="ExactVectorIndexBuilder"/>); the host registers ContentGrains.Inference's factory, which switches to the
/// HNSW graph for large catalogs. Grains depend on this interface only, so they need no native library.
/// </summary>
public interface IVectorIndexBuilder
{
    /// <param name="vectors">Row-major item vectors; row i becomes key i.</param>
    IVectorIndex Build(ReadOnlySpan<float> vectors, int dimensions);
}
