using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>Each silo's copy of the latest topics (<see cref="LatestModelCopy{T}"/>).</summary>
public sealed class TopicBookCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<TopicBookCache> logger)
{
    public const string TopicsGrainKey = "default";

    private readonly LatestModelCopy<TopicBook> copy = new("topics", TopicsOptions.ModelName,
        () => grains.GetGrain<ITopicsGrain>(TopicsGrainKey).GetLatestVersionAsync(),
        (bytes, version) => new TopicBook(CatalogTopics.FromJson(bytes), version), book => $"{book.Count} topics over {book.Topics.Items.Count} items",
        store, options.Value.ModelRefresh, clock, logger);

    public TopicBook? Current => copy.Current;

    /// <summary>Asks for the latest version now and loads it when it is new.</summary>
    public Task<TopicBook?> RefreshAsync() => copy.RefreshAsync();
}
