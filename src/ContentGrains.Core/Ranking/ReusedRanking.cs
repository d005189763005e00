namespace ContentGrains.Core.Ranking;

/// <summary>
/// The list a feed ranks its candidates into, kept for the next feed on the same thread. The ranking holds every pooled
/// candidate (about 500 of 80 bytes: 40 KB), the largest allocation a feed made, and it never leaves
/// <see cref="Feed.FeedPipeline.Build"/> (the feed keeps copies of the chosen few), so one list per thread serves every
/// feed that thread builds. A feed is built without awaiting, so no other feed can use the list in between.
/// </summary>
public static class ReusedRanking
{
    /// <summary>
    /// Lists grown past this many candidates (a catalog with unusual settings) are not kept: at 80 bytes each this is the
    /// largest list whose array stays off the large-object heap (85,000 bytes).
    /// </summary>
    public const int MaxKeptCapacity = 1024;

    [ThreadStatic] private static List<ScoredCandidate>? spare;

    /// <summary>This thread's spare list (empty), or a new one when it has none or another feed holds it.</summary>
    public static List<ScoredCandidate> Take()
    {
        var list = spare ?? new List<ScoredCandidate>();
        spare = null;
        return list;
    }

    /// <summary>Empties the list (no item's tag string stays reachable from it) and keeps it for this thread's next feed.</summary>
    public static void Return(List<ScoredCandidate> list)
    {
        list.Clear();
        if (list.Capacity <= MaxKeptCapacity) spare = list;
    }
}
