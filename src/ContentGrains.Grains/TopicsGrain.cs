using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Topics;
using ContentGrains.Core.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Fits one tenant's topics over its items' stored text vectors (key: <see cref="TenantJobs.GrainKey"/>, "default" for the
/// default tenant): the tenant's vectors are read in pages (<see cref="ItemTextVectorPages"/>), each item's words come
/// from this silo's copy of the tenant's catalog (title and tags), the fit
/// runs on the thread pool (<see cref="CatalogTopicFitter"/>), and the result goes to the model store as the next
/// version of "topics", where every silo's <see cref="TopicBookCache"/> loads it. One run at a time: a call while one
/// runs waits for it.
/// </summary>
public sealed class TopicsGrain(
    IItemVectorStore vectors, IModelStore store, CatalogCache catalog, IOptions<EngineOptions> options, TimeProvider clock,
    ILogger<TopicsGrain> logger) : Grain, ITopicsGrain, IRemindable
{
    private const string FitReminder = "fit-topics";
    private Task<TopicsRun>? running;

    private TopicsOptions Topics => options.Value.Topics;
    private string Tenant => TenantJobs.TenantOf(this.GetPrimaryKeyString());
    private string ModelName => TenantJobs.ModelName(Tenant, TopicsOptions.ModelName);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Topics.Interval > TimeSpan.Zero) await this.RegisterOrUpdateReminder(FitReminder, Topics.Interval, Topics.Interval);
    }

    public Task<TopicsRun> FitAsync() => running ??= RunAsync();

    public async Task<long?> GetLatestVersionAsync() => (await store.ListAsync(ModelName)).FirstOrDefault()?.Version;

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) =>
        reminderName == FitReminder ? FitAsync() : Task.CompletedTask;

    private async Task<TopicsRun> RunAsync()
    {
        var started = clock.GetTimestamp();
        try
        {
            var items = await catalog.GetAsync(Tenant, fresh: true);
            var stored = await ItemTextVectorPages.ReadAllAsync(vectors, Tenant, CancellationToken.None);
            var documents = stored.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new TopicDocument(v.Key, v.Value, TopicWords.Of(WordsOf(items.Find(v.Key))))).ToList();
            var now = clock.GetUtcNow();
            var topics = await Task.Run(() => new CatalogTopicFitter(Topics.Fit).Fit(documents, now));
            var bytes = topics.ToJsonBytes();
            var version = (await GetLatestVersionAsync() ?? 0) + 1;
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            await store.SaveAsync(new ModelVersion(ModelName, version, "spherical-kmeans", now, 0, 0, documents.Count,
                topics.Topics.Count, seconds, bytes.Length), bytes);
            logger.LogInformation("Fitted topics v{Version}: {Topics} topics over {Items} items in {Seconds:F2} s",
                version, topics.Topics.Count, documents.Count, seconds);
            return new TopicsRun(version, clock.GetUtcNow(), documents.Count, topics.Topics.Count, seconds, null);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            if (error is TooFewItemsException) logger.LogInformation("Topics not fitted: {Reason}", error.Message); // a young catalog, not a fault
            else logger.LogError(error, "Fitting topics failed");
            return new TopicsRun(null, clock.GetUtcNow(), 0, 0, clock.GetElapsedTime(started).TotalSeconds, error.Message, error is TooFewItemsException);
        }
        finally
        {
            running = null;
        }
    }

    /// <summary>The words an item is named by: its title and tags (its body text is not kept in the catalog copy).</summary>
    private static string? WordsOf(Core.Catalog.CatalogEntry? entry) =>
        entry is null ? null : string.Join(' ', [entry.Title ?? "", .. entry.Tags]);
}
