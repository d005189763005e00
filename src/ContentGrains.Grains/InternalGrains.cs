using ContentGrains.Abstractions;

namespace ContentGrains.Grains;

// Grain interfaces the engine uses internally. UserGrain and ItemGrain implement these next to their
// public interfaces, so both reach the same activation.

public interface IUserEventsGrain : IGrainWithStringKey
{
    // [Immutable]: the ingest path never touches a batch after sending it, so Orleans need not copy it.
    Task ApplyAsync([Immutable] IReadOnlyList<TaggedEventMessage> events);
}

/// <summary>The silo's snapshot timer calling a grain (<see cref="SnapshotTimers"/>): write the snapshot if events are unsaved.</summary>
public interface ISnapshotWriterGrain : IGrainWithStringKey
{
    Task WriteSnapshotIfDirtyAsync();
}

/// <summary>The silo's snapshot timer calling a user grain (one interface per grain class: Orleans resolves it to that class).</summary>
public interface IUserSnapshotGrain : ISnapshotWriterGrain;

/// <summary>The silo's snapshot timer calling an item grain.</summary>
public interface IItemSnapshotGrain : ISnapshotWriterGrain;

public interface IItemEventsGrain : IGrainWithStringKey
{
    Task<ItemApplied> ApplyAsync([Immutable] IReadOnlyList<LoggedEventMessage> events);
    /// <summary>Stores metadata without telling the catalog; the caller sends the returned entry on, batched.</summary>
    Task<ItemStored> StoreAsync(ItemMetadata metadata);
}

/// <summary>
/// One shard of the catalog index (key: shard number, <c>CatalogSharding.ShardOf(itemId, CatalogShards)</c>): its items'
/// tags, channels, publish time and popularity, for candidate generation. Silos keep a view of all shards
/// (<see cref="CatalogCache"/>) and pull only what changed.
/// </summary>
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    Task UpsertAsync(IReadOnlyList<CatalogEntryMessage> entries);
    /// <summary>Absolute popularity of this shard's items that just applied events up to log sequence <paramref name="logPosition"/>.</summary>
    Task ReportPopularityAsync([Immutable] IReadOnlyList<PopularityMessage> reports, long logPosition);
    /// <summary>
    /// The entries changed since <paramref name="knownVersion"/> of activation <paramref name="knownEpoch"/>; the whole
    /// shard when the silo knew another activation or fell behind the change log; null when nothing changed.
    /// </summary>
    [return: Immutable]
    Task<CatalogChanges?> GetChangesAsync(long knownEpoch, long knownVersion);
    Task<CatalogShardStatus> GetStatusAsync();
}

public static class CatalogShardGrains
{
    /// <summary>The shard grain that holds <paramref name="itemId"/>'s catalog entry.</summary>
    public static ICatalogShardGrain CatalogShardOf(this IGrainFactory grains, string itemId, int shards) =>
        grains.GetGrain<ICatalogShardGrain>(Core.Catalog.CatalogSharding.ShardOf(itemId, shards));
}

/// <summary>
/// A person's channel exposure, which only their user grain holds: channel grains ask it for a planning copy and
/// record sends through it, so every cap, gap and quiet-hour check sees the person's sends on all channels.
/// </summary>
public interface IUserChannelsGrain : IGrainWithStringKey
{
    Task<ExposureMessage> GetExposureAsync();
    /// <summary>Records the send unless it breaks a rule; returns the refusal (a <c>SendRefusals</c> name) or null when recorded.</summary>
    Task<string?> RecordSendAsync(string channel, ChannelRulesSpec rules, string itemId, DateTimeOffset at);
}

/// <summary>The table of headline-test posteriors that feeds pick variants from (key 0; see <see cref="VariantBoardGrain"/>).</summary>
public interface IVariantBoardGrain : IGrainWithIntegerKey
{
    /// <summary>The item's current posteriors; null removes the item (its variants were taken away).</summary>
    Task PublishAsync(VariantPosteriorsMessage? posteriors, string itemId);
    /// <summary>The whole table when its epoch or version differs from the caller's; null when unchanged.</summary>
    [return: Immutable]
    Task<VariantBoardChanges?> GetChangesAsync(long knownEpoch, long knownVersion);
}
