using ContentGrains.Abstractions;
using ContentGrains.Core.Live;
using Microsoft.Extensions.Logging;

namespace ContentGrains.Grains;

/// <summary>
/// Whether a silo's feed model is ready to serve at full speed, kept for the registry view (<see cref="SiloModelView.Readiness"/>,
/// GET /v1/models) and logged as one line in every case: "Silo … is ready to serve model … fast: made the neighbour lists
/// of N items in S s", or "…: no neighbour lists needed (why)". An embedding model beyond the dense range is ready once
/// <see cref="FeedModelSlot"/> has made its neighbour lists (until then each item's first ask costs a feed a scan or a
/// graph walk); a model with a k-NN table, or a silo told to make none at load, is ready as soon as it serves. Benches wait
/// for it before they measure feeds.
/// </summary>
public sealed class ModelReadiness(string silo, ILogger logger)
{
    private volatile ServingReadinessView? current;

    /// <summary>The readiness of <paramref name="version"/>; null while nothing is known of it (not served, or its start-up work not begun).</summary>
    public ServingReadinessView? Of(long? version) => current is { } known && known.Version == version ? known : null;

    /// <summary>Why <paramref name="model"/> needs no neighbour lists made at load, or null when it does.</summary>
    public static string? NoListsNeeded(LiveModel model, int listsAtLoad) =>
        model.Similarity is not null ? $"the {model.Kind} model carries its own k-NN table of {model.ItemIds.Count} items"
        : model.Retrieval is null ? "the model has no vector index to make them from"
        : listsAtLoad <= 0 ? "NeighbourListsAtLoad is 0: each item's list is made on its first ask"
        : null;

    public void Making(LiveModel model) =>
        current = new ServingReadinessView(model.Version, false, 0, 0, $"making the neighbour lists of up to {model.ItemIds.Count} items");

    public void NoneNeeded(LiveModel model, string why)
    {
        current = new ServingReadinessView(model.Version, true, 0, 0, $"no neighbour lists needed: {why}");
        logger.LogInformation("Silo {Silo} is ready to serve model {Name} v{Version} fast: no neighbour lists needed ({Reason})",
            silo, model.Name, model.Version, why);
    }

    public void Made(LiveModel model, int lists, double seconds)
    {
        current = new ServingReadinessView(model.Version, true, lists, Math.Round(seconds, 2), $"made the neighbour lists of {lists} items in {seconds:F2} s");
        logger.LogInformation("Silo {Silo} is ready to serve model {Name} v{Version} fast: made the neighbour lists of {Lists} items in {Seconds:F2} s",
            silo, model.Name, model.Version, lists, seconds);
    }
}
