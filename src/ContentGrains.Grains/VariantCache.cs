using ContentGrains.Core.Variants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// Each silo's copy of the headline-test posteriors (<see cref="VariantBoardGrain"/>), refreshed when older than
/// <see cref="EngineOptions.VariantRefresh"/>: a feed picks each item's variant from this copy, so picking costs a
/// dictionary lookup and K Beta draws per item under test, and no grain call per feed item. One call to the board per
/// refresh, answering "unchanged" cheaply.
/// </summary>
public sealed class VariantCache(IGrainFactory grains, IOptions<EngineOptions> options, TimeProvider clock, ILogger<VariantCache> logger)
{
    private readonly RefreshSchedule schedule = new(clock);
    private (long Epoch, long Version) held;
    private IReadOnlyDictionary<string, VariantPosteriors> current = new Dictionary<string, VariantPosteriors>();

    public async ValueTask<IReadOnlyDictionary<string, VariantPosteriors>> GetAsync()
    {
        // A board that cannot answer (its store down) leaves the copy held serving.
        await schedule.RunOrKeepAsync(options.Value.VariantRefresh, RefreshAsync,
            error => logger.LogWarning(error, "Could not refresh the headline tests; the copy held keeps serving"));
        return current;
    }

    private async Task RefreshAsync()
    {
        var changes = await grains.GetGrain<IVariantBoardGrain>(0).GetChangesAsync(held.Epoch, held.Version);
        if (changes is null) return;
        current = changes.Items.ToDictionary(m => m.ItemId, m => m.ToPosteriors(), StringComparer.Ordinal);
        held = (changes.Epoch, changes.Version);
    }
}
