using ContentGrains.Abstractions;

namespace ContentGrains.Grains;

// Grain interfaces the engine uses internally. UserGrain and ItemGrain implement these next to their
// public interfaces, so both reach the same activation.

public interface IUserEventsGrain : IGrainWithStringKey
{
    // [Immutable]: the ingest path never touches a batch after sending it, so Orleans need not copy it.
    Task ApplyAsync([Immutable] IReadOnlyList<TaggedEventMessage> events);
}

public interface IItemEventsGrain : IGrainWithStringKey
{
    Task<ItemApplied> ApplyAsync([Immutable] IReadOnlyList<LoggedEventMessage> events);
    /// <summary>Stores metadata without telling the catalog; the caller sends the returned entry on, batched.</summary>
    Task<ItemStored> StoreAsync(ItemMetadata metadata);
}

/// <summary>
/// The catalog index (one per cluster, key 0): each item's tags, channels, publish time and popularity,
/// for candidate generation. Silos cache it (<see cref="CatalogCache"/>).
/// </summary>
public interface ICatalogGrain : IGrainWithIntegerKey
{
    Task UpsertAsync(IReadOnlyList<CatalogEntryMessage> entries);
    /// <summary>Absolute popularity of items that just applied events up to log sequence <paramref name="logPosition"/>.</summary>
    Task ReportPopularityAsync([Immutable] IReadOnlyList<PopularityMessage> reports, long logPosition);
    /// <summary>Null when the catalog is still at <paramref name="knownVersion"/>.</summary>
    [return: Immutable]
    Task<CatalogContents?> GetIfChangedAsync(long knownVersion);
}
