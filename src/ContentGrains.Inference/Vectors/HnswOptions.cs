using Cloud.Unum.USearch;

namespace ContentGrains.Inference.Vectors;

/// <summary>
/// How the HNSW graph is built and searched. Higher connectivity and expansion raise recall and cost; the defaults
/// reach recall@10 ≥ 0.95 on clustered 64-dimension vectors (bench/results/vectors.json has the measured trade-off).
/// </summary>
public sealed record HnswOptions
{
    /// <summary>Links per node (HNSW's M). Each link costs 4 bytes on the base layer, twice M of them.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Candidates kept while inserting (efConstruction): the main build-time cost.</summary>
    public int ExpansionAdd { get; init; } = 64;

    /// <summary>Candidates kept while searching (ef); a search for more than this many results widens it to the count asked.</summary>
    public int ExpansionSearch { get; init; } = 64;

    /// <summary>
    /// How each stored component is kept: Float32 (4 bytes), or Float16 (2 bytes, for catalogs near a million items).
    /// Int8 is refused: USearch's i8 assumes components in [-1, 1] (cosine), which inner-product embeddings are not.
    /// </summary>
    public ScalarKind Scalar { get; init; } = ScalarKind.Float32;

    /// <summary>Threads that insert at once while building; 0 means one per core.</summary>
    public int BuildThreads { get; init; }

    internal void Validate()
    {
        if (Connectivity < 2) throw new ArgumentOutOfRangeException(nameof(Connectivity), Connectivity, "connectivity must be at least 2");
        if (ExpansionAdd < 1) throw new ArgumentOutOfRangeException(nameof(ExpansionAdd), ExpansionAdd, "expansionAdd must be positive");
        if (ExpansionSearch < 1) throw new ArgumentOutOfRangeException(nameof(ExpansionSearch), ExpansionSearch, "expansionSearch must be positive");
        if (Scalar is not (ScalarKind.Float32 or ScalarKind.Float16))
            throw new ArgumentOutOfRangeException(nameof(Scalar), Scalar, "scalar must be Float32 or Float16 for inner-product search");
        if (BuildThreads < 0) throw new ArgumentOutOfRangeException(nameof(BuildThreads), BuildThreads, "buildThreads must be 0 (one per core) or positive");
    }
}
