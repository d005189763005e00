using ContentGrains.Abstractions;
using ContentGrains.Core.Items;
using ContentGrains.Core.Live;
using ContentGrains.Core.Performance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the latest live CTR model (<see cref="LatestModelCopy{T}"/>) and the CTR prior it gives: an item's
/// smoothed CTR (its grain) and the click model's CTR feature (the feed) are smoothed toward the item's predicted CTR
/// when a model is served, toward the fixed prior otherwise. A prediction is computed once per item and model version
/// (<see cref="ServedCtrModel"/>), by the item's grain on this silo; the feed only looks it up.
/// Each tenant has its own model (<see cref="CtrModelOptions.NameOf"/>, fitted over its own catalog by its own
/// <see cref="CtrModelGrain"/>): one copy per tenant (<see cref="TenantSlots{T}"/>), made on the tenant's first request.
/// </summary>
public sealed class CtrModelCache
{
    private readonly TenantSlots<LatestModelCopy<ServedCtrModel>>? copies;
    private readonly CtrPrior itemPrior;
    private readonly ILogger<CtrModelCache> logger;

    public CtrModelCache(IGrainFactory grains, IModelStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<CtrModelCache> logger,
        ICtrModelFormat? format = null)
    {
        this.logger = logger;
        itemPrior = CtrPrior.Of(options.Value.CtrPriorClicks, options.Value.CtrPriorImpressions);
        if (format is null) return; // a host without the model's implementation serves the fixed prior
        copies = new(tenant => new LatestModelCopy<ServedCtrModel>("CTR model", CtrModelOptions.NameOf(tenant),
            () => grains.GetGrain<ICtrModelGrain>(CtrModelOptions.GrainKeyOf(tenant)).GetLatestVersionAsync(),
            (bytes, version) => Load(format, bytes, version), m => $"{m.Report.Rows} items, {m.Report.Method}",
            store, options.Value.ModelRefresh, clock, logger), options.Value.MaxTenantModels);
    }

    /// <summary>The default tenant's served model (null before the first fit); starts a background refresh when one is due.</summary>
    public ServedCtrModel? Current => copies?.Default.Current;

    /// <summary>The tenant's served model (null before its first fit); starts a background refresh when one is due.</summary>
    public ServedCtrModel? CurrentOf(string tenant) => copies?.Of(tenant).Current;

    /// <summary>The tenant's served model after a refresh when one is due.</summary>
    public Task<ServedCtrModel?> GetAsync(string tenant) => copies?.Of(tenant).GetAsync() ?? Task.FromResult<ServedCtrModel?>(null);

    /// <summary>The click-feature prior of the tenant's items, for one feed: look-ups in the tenant's served model.</summary>
    public Func<string, CtrPrior?> ClickPriorOf(string tenant)
    {
        var model = CurrentOf(tenant);
        return itemId => model?.PredictedCtr(itemId) is { } p ? CtrPrior.ClickModel.WithPredicted(p) : null;
    }

    /// <summary>The prior of the item's smoothed CTR: the engine's CtrPriorClicks / CtrPriorImpressions, centred on the prediction.</summary>
    public CtrPrior ItemPrior(double? predicted) => itemPrior.WithPredicted(predicted);

    /// <summary>
    /// The item's prediction under <paramref name="model"/>, computed now (and kept for the feed); null, logged, when
    /// the model fails on it: the item then keeps the fixed prior, and its events and reads go on.
    /// </summary>
    public ItemCtrPrediction? Predict(ServedCtrModel model, string itemId, ItemInfo? info)
    {
        try
        {
            return model.Predict(CtrMapping.FactsOf(itemId, info), info?.Creator);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogWarning(error, "The CTR model v{Version} could not predict item {ItemId}; it keeps the fixed prior", model.Version, itemId);
            return null;
        }
    }

    private static ServedCtrModel Load(ICtrModelFormat format, byte[] bytes, long version)
    {
        var (report, model) = CtrModelArtifact.Read(bytes);
        return new ServedCtrModel(format.Load(model), report, version);
    }
}
