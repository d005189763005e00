using Orleans.Concurrency;

namespace ContentGrains.Abstractions;

/// <summary>One published model version in the registry.</summary>
[GenerateSerializer, Immutable, Alias("cg.ModelVersionView")]
public sealed record ModelVersionView(
    [property: Id(0)] string Name,
    [property: Id(1)] long Version,
    [property: Id(2)] string Kind,
    [property: Id(3)] DateTimeOffset TrainedAt,
    [property: Id(4)] long EventsRead,
    [property: Id(5)] int Users,
    [property: Id(6)] int Items,
    [property: Id(7)] int Positives,
    [property: Id(8)] double TrainSeconds,
    [property: Id(9)] long Bytes,
    [property: Id(10)] bool Champion);

/// <summary>A model's registry: every stored version and which one the feeds use.</summary>
[GenerateSerializer, Immutable, Alias("cg.ModelRegistryView")]
public sealed record ModelRegistryView([property: Id(0)] string Name, [property: Id(1)] long? Champion, [property: Id(2)] IReadOnlyList<ModelVersionView> Versions);

/// <summary>
/// Trains a model from the event log and keeps its registry (key: model name, "default" for the feeds).
/// Training reads the whole log; the new version becomes the champion that every silo's feed loads.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <param name="kind">The model kind (e.g. "ease", "itemknn", "pop"); null keeps the configured one.</param>
    /// <remarks>Training a large log takes minutes, longer than Orleans' default 30 s response timeout.</remarks>
    [ResponseTimeout("00:30:00")]
    Task<ModelVersionView> TrainAsync(string? kind);

    Task<ModelRegistryView> GetRegistryAsync();

    /// <summary>Makes a stored version the champion again (roll back or forward).</summary>
    Task<ModelRegistryView> SetChampionAsync(long version);

    /// <summary>The champion's version, or null before the first training. Answers even while a training runs.</summary>
    [AlwaysInterleave]
    Task<long?> GetChampionAsync();
}

/// <summary>A non-personal list: the items similar to <c>Of</c> (an item id), or trending (<c>Of</c> = "trending").</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemList")]
public sealed record ItemList([property: Id(0)] string Of, [property: Id(1)] IReadOnlyList<FeedItem> Items, [property: Id(2)] string Model);

/// <summary>Items similar to one item, and what is trending: non-personal lists any silo can answer.</summary>
public interface IDiscoveryGrain : IGrainWithIntegerKey
{
    /// <summary>Null when the item is unknown to both the catalog and the model.</summary>
    Task<ItemList?> GetSimilarAsync(string itemId, int count, string? channel);

    Task<ItemList> GetTrendingAsync(int count, string? channel);
}
