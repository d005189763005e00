namespace ContentGrains.Core.Catalog;

/// <summary>
/// How long each ordering of a silo's catalog view is: the feed reads only the head of each (it takes
/// <c>PopularCandidates</c> = 100, <c>FreshCandidates</c> = 50 and <c>CandidatesPerTag</c> = 50 allowed items by default),
/// so each list keeps enough extra for the items a person already consumed or a channel leaves out.
/// Bound from "ContentGrains:Engine:CatalogView".
/// </summary>
public sealed record CatalogViewSettings
{
    public int PopularCapacity { get; init; } = 2_000;
    public int FreshCapacity { get; init; } = 1_000;
    public int PerTagCapacity { get; init; } = 250;
    /// <summary>Under-exposed items the exploration slot chooses among.</summary>
    public int UnderExposedCapacity { get; init; } = 1_000;
    /// <summary>An item with fewer events than this is under-exposed (the feed's <c>ExplorationMaxEvents</c>).</summary>
    public long UnderExposedMaxEvents { get; init; } = 20;
    /// <summary>Slots examined per refresh to top the under-exposed pool up after items left it.</summary>
    public int TopUpScanPerRefresh { get; init; } = 4_096;

    /// <summary>Lists long enough to hold a whole catalog of <paramref name="items"/>: every ordering exact and complete (tests, small catalogs).</summary>
    public static CatalogViewSettings Unbounded(int items, long underExposedMaxEvents = 20)
    {
        var n = Math.Max(1, items);
        return new() { PopularCapacity = n, FreshCapacity = n, PerTagCapacity = n, UnderExposedCapacity = n, UnderExposedMaxEvents = underExposedMaxEvents, TopUpScanPerRefresh = n };
    }
}
