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

    /// <summary>
    /// A filtered search for k first asks the graph for k × this (at least 2k while that stays within
    /// <see cref="ExpansionSearch"/>, where asking for more costs nothing), and widens only when too few pass the filter.
    /// Asking for k results widens the search beam (ef) to k, so this sets the beam of the feed's top-k search: 1.25
    /// asks for 250 for the feed's 200 (the filter refuses the person's seen items, a few dozen) where 2 asked for 400.
    /// The trade is recall (bench/results/feed-cost-100k-pair.json and feed-cost-100k-first-fetch.json measure them at 100,000 items).
    /// </summary>
    public double FilteredFirstFetch { get; init; } = 1.25;

    /// <summary>Threads that insert at once while building; 0 means one per core.</summary>
    public int BuildThreads { get; init; }

    /// <summary>Refuses a setting out of range, naming it (<see cref="ArgumentOutOfRangeException.ParamName"/>).</summary>
    public void Validate()
    {
        if (Connectivity < 2) throw new ArgumentOutOfRangeException(nameof(Connectivity), Connectivity, "connectivity must be at least 2");
        if (ExpansionAdd < 1) throw new ArgumentOutOfRangeException(nameof(ExpansionAdd), ExpansionAdd, "expansionAdd must be positive");
        if (ExpansionSearch < 1) throw new ArgumentOutOfRangeException(nameof(ExpansionSearch), ExpansionSearch, "expansionSearch must be positive");
        if (Scalar is not (ScalarKind.Float32 or ScalarKind.Float16))
            throw new ArgumentOutOfRangeException(nameof(Scalar), Scalar, "scalar must be Float32 or Float16 for inner-product search");
        if (!(FilteredFirstFetch >= 1 && FilteredFirstFetch <= 16))
            throw new ArgumentOutOfRangeException(nameof(FilteredFirstFetch), FilteredFirstFetch, "filteredFirstFetch must be between 1 and 16 (a multiple of k)");
        if (BuildThreads < 0) throw new ArgumentOutOfRangeException(nameof(BuildThreads), BuildThreads, "buildThreads must be 0 (one per core) or positive");
    }
}
