namespace ContentGrains.Abstractions;

/// <summary>
/// The entry point for events: validates, appends to the durable log (deduplicated by event id),
/// then applies the new events to user and item grains. A stateless worker, so every silo ingests locally.
/// </summary>
public interface IIngestGrain : IGrainWithIntegerKey
{
    Task<IngestResult> IngestAsync([Immutable] IReadOnlyList<InteractionEvent> events);
    /// <summary>The events of one tenant (README, "Tenants"): their ids are validated as sent, then qualified by the tenant.</summary>
    Task<IngestResult> IngestForAsync(string tenant, [Immutable] IReadOnlyList<InteractionEvent> events);
}

/// <summary>A user's live profile and feed. Key: user id.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <param name="filter">What the feed may hold (a section, a format); null lets in every item.</param>
    Task<Feed> GetFeedAsync(int count, string? channel, FeedFilter? filter = null);
    /// <summary>
    /// The feed inside an experiment: the person is assigned (and the exposure logged, with their click count so far as
    /// the pre-exposure covariate), and the feed uses their arm's feed variant. Null when the experiment does not exist.
    /// </summary>
    Task<Feed?> GetExperimentFeedAsync(int count, string? channel, string experimentId, FeedFilter? filter = null);
    Task<UserProfileView> GetProfileAsync();
    /// <summary>The person's audience segment now (<see cref="UserSegment"/>).</summary>
    Task<UserSegment> GetSegmentAsync();
    /// <summary>The person's topic interests now (<see cref="UserTopics"/>), kept live from every event.</summary>
    Task<UserTopics> GetTopicsAsync();
    /// <summary>Stores the person's settings (time zone). Returns the field errors, empty when stored.</summary>
    Task<IReadOnlyList<FieldError>> PutSettingsAsync(UserSettings settings);
    Task<UserSettings> GetSettingsAsync();
}

/// <summary>An item's metadata and live counters. Key: item id.</summary>
public interface IItemGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the metadata. Returns the field errors, empty when stored.</summary>
    Task<IReadOnlyList<FieldError>> PutAsync(ItemMetadata metadata);
    /// <summary>Null when the item has neither metadata nor events.</summary>
    Task<ItemView?> GetAsync();
    /// <summary>The item's CTR prior (the CTR model's prediction when one is served); null when the item has neither metadata nor events.</summary>
    Task<ItemCtrPrior?> GetCtrPriorAsync();
    /// <summary>The item's headline test; null when it has no variants.</summary>
    Task<VariantTestView?> GetVariantsAsync();
    /// <summary>Ends the headline test: feeds serve <paramref name="pinVariantId"/>, or the leader (the winner, if declared) when null.</summary>
    Task<VariantStop> StopVariantsAsync(string? pinVariantId);
}

/// <summary>Bulk item import: stores every valid item, then updates the catalog once. A stateless worker.</summary>
public interface IItemImportGrain : IGrainWithIntegerKey
{
    Task<ImportResult> PutManyAsync(IReadOnlyList<ItemUpsert> items);
    /// <summary>The items of one tenant: ids validated as sent, then qualified by the tenant.</summary>
    Task<ImportResult> PutManyForAsync(string tenant, IReadOnlyList<ItemUpsert> items);
}

/// <summary>Well-known names shared by grains, hosts and clients.</summary>
public static class ContentGrainsNames
{
    /// <summary>Grain storage for snapshots of user, item and catalog grains.</summary>
    public const string SnapshotStorage = "snapshots";
    /// <summary>Limits of the public API.</summary>
    public const int MaxEventsPerBatch = 10_000;
    public const int MaxItemsPerBatch = 10_000;
}
