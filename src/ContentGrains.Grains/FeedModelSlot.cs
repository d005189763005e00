using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using ContentGrains.Core.Registry;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Vectors;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One tenant's feed model on a silo (held by <see cref="ModelCache"/>): the champion of the tenant's feed registry
/// (<paramref name="name"/>, the tenant-qualified model name), loaded from the model store. The trainer pushes a
/// new champion (<see cref="SiloScorerGrain"/> calls <see cref="SwapToAsync"/>); polling the trainer every
/// <see cref="EngineOptions.ModelRefresh"/> is the fallback. A version is validated (<see cref="ArtifactValidator"/>)
/// off the request path and swapped in whole: a request sees the old model or the new one, never waits for a load
/// (only the very first one, when there is nothing to serve yet), and a refused version leaves the old one serving.
/// An embedding model gets its vector index here, built and checked before the swap; the replaced model's index is
/// released <see cref="RetireAfter"/> later, when no request can still hold it.
/// </summary>
public sealed class FeedModelSlot(
    string name, IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILocalSiloDetails silo, ILogger logger,
    IVectorIndexBuilder indexBuilder)
{
    /// <summary>How long a replaced model's index stays open: far longer than a feed request holds a model.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(1);

    private readonly RefreshSchedule schedule = new(clock);
    private readonly SemaphoreSlim swapping = new(1, 1);
    private readonly Dictionary<long, string> refused = []; // guarded by swapping
    private volatile LiveModel? model;
    private volatile SiloModelView? lastRefused;
    private readonly ModelReadiness readiness = new(silo.Name, logger);

    private string ModelName => name;

    /// <param name="fresh">Ask the trainer now and wait for the answer (and any swap it brings).</param>
    public async ValueTask<LiveModel?> GetAsync(bool fresh = false)
    {
        var current = model;
        if (fresh)
        {
            await PollAsync(TimeSpan.Zero);
            return model;
        }
        if (current is null)
        {
            // Nothing to serve yet: ask now, but a trainer that cannot answer (its store down) leaves the heuristic feed serving.
            await schedule.RunOrKeepAsync(options.Value.ModelRefresh, AskChampionAsync, PollFailed);
            return model;
        }
        schedule.StartIfDue(options.Value.ModelRefresh, this, static cache => cache.AskChampionAsync(), static (cache, error) => cache.PollFailed(error));
        return current;
    }

    /// <summary>Validates a published version and swaps it in, or refuses it (logged, reported) and keeps the current one.</summary>
    public async Task SwapToAsync(long version)
    {
        await swapping.WaitAsync();
        try
        {
            if (model?.Version == version || refused.ContainsKey(version)) return;
            var record = (await store.ListAsync(name)).FirstOrDefault(v => v.Version == version);
            var bytes = await store.LoadAsync(name, version);
            var check = await Task.Run(() => WithRetrieval(ArtifactValidator.Validate(name, version, record, bytes)));
            if (check.Model is { } loaded)
            {
                var previous = model;
                // The version serving now keeps serving while the new one's neighbour lists are made; with none serving
                // yet, feeds start at once and the lists are made behind them.
                if (previous is not null) await Task.Run(() => MakeNeighbourLists(loaded));
                model = loaded;
                if (previous is null) _ = Task.Run(() => MakeNeighbourListsAndReport(loaded));
                Retire(previous);
                logger.LogInformation("Silo {Silo} serves model {Name} v{Version} ({Kind}, {Items} items, {Bytes} bytes)",
                    silo.Name, name, version, loaded.Kind, loaded.ItemIds.Count, bytes!.Length);
            }
            else
            {
                refused[version] = check.Problem!;
                lastRefused = new SiloModelView(silo.Name, null, version, check.Problem, clock.GetUtcNow());
                logger.LogError("Silo {Silo} refused model {Name} v{Version}: {Problem}; it keeps serving v{Current}",
                    silo.Name, name, version, check.Problem, model?.Version);
            }
        }
        finally
        {
            swapping.Release();
        }
        grains.GetGrain<ITrainerGrain>(ModelName).ReportSiloAsync(Report()).Ignore();
    }

    /// <summary>Builds and checks an embedding model's vector index (off the request path); a failed build refuses the version.</summary>
    private ArtifactCheck WithRetrieval(ArtifactCheck check)
    {
        if (check.Model?.Embedding is not { } embedding) return check;
        try
        {
            var started = clock.GetTimestamp();
            var retrieval = ItemRetrieval.Build(embedding, indexBuilder);
            check.Model.AttachRetrieval(retrieval);
            logger.LogInformation("Silo {Silo} built the vector index of {Name} v{Version} ({Items} items, {Index}) in {Seconds:F2} s",
                silo.Name, check.Model.Name, check.Model.Version, embedding.ItemCount, retrieval.IndexName, clock.GetElapsedTime(started).TotalSeconds);
            return check;
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            return new ArtifactCheck(null, $"its vector index failed: {error.Message}");
        }
    }

    /// <summary>
    /// Makes the kept neighbour lists of an embedding model's items (<see cref="EngineOptions.NeighbourListsAtLoad"/>), or
    /// records that none are needed; either way the silo then says it is ready to serve the version fast (<see cref="ModelReadiness"/>).
    /// </summary>
    private void MakeNeighbourLists(LiveModel loaded)
    {
        if (ModelReadiness.NoListsNeeded(loaded, options.Value.NeighbourListsAtLoad) is { } why)
        {
            readiness.NoneNeeded(loaded, why);
            return;
        }
        readiness.Making(loaded);
        var started = clock.GetTimestamp();
        int made;
        try { made = loaded.Retrieval!.Neighbours.Prepare(options.Value.Feed.SimilarPerRecentItem, options.Value.NeighbourListsAtLoad, Environment.ProcessorCount / 2); }
        catch (ObjectDisposedException) { return; } // replaced and retired meanwhile: its lists are no longer wanted
        readiness.Made(loaded, made, clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The first model's lists, made behind the feeds: the registry hears when they are done, not only when it was swapped in.</summary>
    private void MakeNeighbourListsAndReport(LiveModel loaded)
    {
        MakeNeighbourLists(loaded);
        grains.GetGrain<ITrainerGrain>(ModelName).ReportSiloAsync(Report()).Ignore();
    }

    /// <summary>Releases the model's index once no request can hold it: the slot was dropped from the cache.</summary>
    public void Release() => Retire(model);

    private void Retire(LiveModel? previous)
    {
        if (previous?.Retrieval is not { } old) return;
        _ = Task.Delay(RetireAfter, clock).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
    }

    /// <summary>This silo's champion for the served-version gauge; null while it serves nothing.</summary>
    /// <param name="tenantLabel">The slot's tenant as the metric names it (<see cref="TenantSlots.MetricLabel"/>); the model label is the unqualified name.</param>
    public Measurement<long>? ServedVersion(string tenantLabel) =>
        model is { } served ? new(served.Version, [new("model", TenantKeys.IdOf(ModelName)), new("tenant", tenantLabel), new("silo", silo.Name)]) : null;

    /// <summary>What this silo serves, the last version it refused, and whether the served one is ready to serve fast.</summary>
    public SiloModelView Report() =>
        new(silo.Name, model?.Version, lastRefused?.Refused, lastRefused?.RefusedReason, clock.GetUtcNow(), readiness.Of(model?.Version));

    private void PollFailed(Exception error) =>
        logger.LogWarning(error, "Silo {Silo} could not ask the trainer for the champion; it keeps serving", silo.Name);

    private ValueTask PollAsync(TimeSpan maxAge) => schedule.RunIfDueAsync(maxAge, AskChampionAsync);

    /// <summary>Asks the trainer for the champion, telling it what this silo serves, and swaps it in when it is new (run through the schedule).</summary>
    private async Task AskChampionAsync()
    {
        var champion = await grains.GetGrain<ITrainerGrain>(ModelName).PollChampionAsync(Report());
        if (champion is { } version && version != model?.Version) await SwapToAsync(version);
    }
}
