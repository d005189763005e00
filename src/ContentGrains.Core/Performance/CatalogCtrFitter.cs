using ContentGrains.Core.Topics;

namespace ContentGrains.Core.Performance;

/// <summary>How the live CTR model is fitted: which items count as having traffic, how many it needs, what is held out.</summary>
public sealed record CatalogCtrOptions(long MinImpressions = 50, int MinItems = 30, double HeldOutShare = 0.2, int Seed = 42);

/// <summary>A catalog item with traffic: what was known before it (no creator record yet), its creator, and its outcome.</summary>
public sealed record CtrTrafficItem(CtrFacts Facts, string? Creator, CtrOutcome Outcome);

/// <summary>
/// Fits the CTR model over a live catalog's items. Only items with <see cref="CatalogCtrOptions.MinImpressions"/>+
/// impressions are rows (a rate over a handful of impressions is noise); each row's creator record is its creator's
/// other items (leave-one-out, so a row never sees its own outcome). A seeded share of the items, chosen by a hash of
/// the id, is held out: the model is fitted on the rest and scored on it against the training mean, so the report says
/// whether it beats the fixed prior.
/// </summary>
public sealed class CatalogCtrFitter(ICtrModelTrainer trainer, CatalogCtrOptions options)
{
    public (CtrPredictor Predictor, CtrFitReport Report) Fit(IReadOnlyList<CtrTrafficItem> items, DateTimeOffset now)
    {
        var eligible = items.Where(i => i.Outcome.Impressions >= options.MinImpressions)
            .OrderBy(i => i.Facts.ItemId, StringComparer.Ordinal).ToList();
        if (eligible.Count < options.MinItems)
            throw new TooFewItemsException(
                $"{eligible.Count} items have {options.MinImpressions}+ impressions; the CTR model needs {options.MinItems} (CtrModel:MinItems, CtrModel:MinImpressions)");
        var creators = CreatorTotals(eligible);
        var examples = eligible.Select(i => new CtrExample(i.Facts with { Creator = OthersOf(creators, i) }, i.Outcome)).ToList();
        var heldOut = examples.Where(e => IsHeldOut(e.Facts.ItemId)).ToList();
        var training = examples.Where(e => !IsHeldOut(e.Facts.ItemId)).ToList();
        var predictor = CtrPredictor.Fit(trainer, training, useText: false);
        var report = new CtrFitReport(now, trainer.Name, examples.Count, training.Count, heldOut.Count, predictor.Encoder.MeanCtr,
            HeldOutScore(predictor, heldOut), predictor.Model.Importances, creators);
        return (predictor, report);
    }

    /// <summary>The impressions and clicks of every creator's items with traffic.</summary>
    private static Dictionary<string, CreatorHistory> CreatorTotals(IEnumerable<CtrTrafficItem> items) =>
        items.Where(i => i.Creator is not null).GroupBy(i => i.Creator!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CreatorHistory(g.Sum(i => i.Outcome.Impressions), g.Sum(i => i.Outcome.Clicks)), StringComparer.Ordinal);

    private static CreatorHistory? OthersOf(Dictionary<string, CreatorHistory> creators, CtrTrafficItem item) =>
        item.Creator is { } c && creators.TryGetValue(c, out var all)
            ? new CreatorHistory(all.Impressions - item.Outcome.Impressions, all.Clicks - item.Outcome.Clicks)
            : null;

    private bool IsHeldOut(string itemId) => Data.Fnv1a.Hash($"{options.Seed}|{itemId}") % 1000 < options.HeldOutShare * 1000;

    /// <summary>Null when the held-out items cannot be scored: none, or all clicked or none clicked.</summary>
    private static CtrHeldOut? HeldOutScore(CtrPredictor predictor, IReadOnlyList<CtrExample> heldOut)
    {
        var outcomes = heldOut.Select(e => e.Outcome).ToList();
        var clicks = outcomes.Sum(o => o.Clicks);
        if (heldOut.Count == 0 || clicks == 0 || clicks == outcomes.Sum(o => o.Impressions)) return null;
        var model = CtrMetrics.Of(outcomes, predictor.Predict(heldOut.Select(e => e.Facts).ToList()));
        var mean = CtrMetrics.Of(outcomes, CtrBaselines.GlobalMean(predictor.Encoder, heldOut.Select(e => e.Facts).ToList()));
        return new CtrHeldOut(heldOut.Count, model.LogLoss, model.Auc, mean.LogLoss, mean.Auc);
    }
}
