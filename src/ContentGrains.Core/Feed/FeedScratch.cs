using ContentGrains.Core.Ranking;

namespace ContentGrains.Core.Feed;

/// <summary>
/// The working collections of one feed, kept for the next feed on the same thread: the ranking (about 500 candidates of
/// 80 bytes), the candidate pool's entries and excluded slots, and the candidates' model scores. Each was made new per
/// feed and together they were most of a feed's allocations (40, 14 and 10 KB at 500 candidates). None leaves
/// <see cref="FeedPipeline.Build"/> (the feed keeps copies of the chosen few), and a feed is built without awaiting, so no
/// other feed can use them in between: one set per thread serves every feed that thread builds.
/// </summary>
/// <remarks>
/// A reused dictionary or set adds its entries in the order a new one would (nothing is removed between clears), so the
/// pool's order of addition, and with it every tie the feed breaks by that order, is the same.
/// </remarks>
public sealed class FeedScratch
{
    /// <summary>
    /// Rankings grown past this many candidates (a catalog with unusual settings) are not kept: at 80 bytes each this is
    /// the largest list whose array stays off the large-object heap (85,000 bytes).
    /// </summary>
    public const int MaxKeptRanking = 1024;

    /// <summary>
    /// Pools grown past this many entries are not kept: the pool's dictionary holds 24 bytes an entry, so this keeps its
    /// arrays off the large-object heap too.
    /// </summary>
    public const int MaxKeptPool = 3000;

    [ThreadStatic] private static FeedScratch? spare;

    public List<ScoredCandidate> Ranking { get; } = [];

    /// <summary>The pool's entries and the recent item that brought each (<see cref="Candidates.CandidatePool"/>).</summary>
    public Dictionary<int, string?> PoolEntries { get; } = [];

    /// <summary>The catalog slots of the items the person must not see again (<see cref="Candidates.CandidatePool"/>).</summary>
    public HashSet<int> ExcludedSlots { get; } = [];

    /// <summary>The model's score of each pooled candidate on the retrieval path (<see cref="Candidates.ModelScores"/>).</summary>
    public Dictionary<int, float> ModelScores { get; } = [];

    /// <summary>The person's interest by tag, as the ranking reads it (<see cref="CandidateRanker"/>).</summary>
    public Dictionary<string, double> InterestByTag { get; } = new(StringComparer.Ordinal);

    /// <summary>The candidates shown lately, set aside while the others move up (<see cref="Reranking.RecentlyShown"/>).</summary>
    public List<ScoredCandidate> Shown { get; } = [];

    /// <summary>The catalog slots of the items shown lately (<see cref="Reranking.RecentlyShown"/>).</summary>
    public HashSet<int> ShownSlots { get; } = [];

    /// <summary>The candidates MMR chose (<see cref="Reranking.MmrReranker"/>): the feed keeps copies of their ids.</summary>
    public List<ScoredCandidate> Chosen { get; } = [];

    /// <summary>The chosen candidates' catalog slots, which the exploration slots must not repeat.</summary>
    public HashSet<int> InFeed { get; } = [];

    /// <summary>This thread's spare set (empty), or a new one when it has none or another feed holds it.</summary>
    public static FeedScratch Take()
    {
        var scratch = spare ?? new FeedScratch();
        spare = null;
        return scratch;
    }

    /// <summary>Empties the set (no item id or tag string stays reachable from it) and keeps it for this thread's next feed.</summary>
    public static void Return(FeedScratch scratch)
    {
        scratch.Ranking.Clear();
        scratch.PoolEntries.Clear();
        scratch.ExcludedSlots.Clear();
        scratch.ModelScores.Clear();
        scratch.InterestByTag.Clear();
        scratch.Shown.Clear();
        scratch.ShownSlots.Clear();
        scratch.Chosen.Clear();
        scratch.InFeed.Clear();
        if (scratch.Ranking.Capacity <= MaxKeptRanking && scratch.PoolEntries.Capacity <= MaxKeptPool
            && scratch.ExcludedSlots.Capacity <= MaxKeptPool && scratch.ModelScores.Capacity <= MaxKeptPool
            && scratch.Chosen.Capacity <= MaxKeptRanking && scratch.Shown.Capacity <= MaxKeptRanking && scratch.InFeed.Capacity <= MaxKeptPool && scratch.InterestByTag.Capacity <= MaxKeptPool)
            spare = scratch;
    }
}
