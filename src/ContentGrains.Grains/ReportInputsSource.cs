using ContentGrains.Abstractions;
using ContentGrains.Core.Reports;
using ContentGrains.Core.Tenants;
using ContentGrains.Core.Variants;

namespace ContentGrains.Grains;

/// <summary>
/// Gathers the sections a report takes from other grains as they stand: each experiment's results (arms, primary
/// metric, decision) and every headline test (the variant board lists the items under test; each item grain gives its
/// posteriors). A private report asks for neither: it leaves them out. A tenant's report holds only the tenant's
/// experiments (the caller passes them), headline tests and sentiment (its own model and alerts), under the ids its
/// clients use.
/// </summary>
public sealed class ReportInputsSource(IGrainFactory grains, ISentimentReportSource sentiment)
{
    public async Task<ReportInputs> GatherAsync(string tenant, IReadOnlyList<ExperimentView> experiments, bool isPrivate, long? segmentVersion, ReportRequest request)
    {
        var sentimentSummary = await sentiment.SummarizeAsync(tenant, request.From, request.To);
        var segmentSource = segmentVersion is null ? "no segments fitted yet" : "the fit's stored assignments";
        if (isPrivate) return new ReportInputs([], [], sentimentSummary, segmentVersion, segmentSource);
        var summaries = await Task.WhenAll(experiments.Select(ExperimentAsync));
        return new ReportInputs([.. summaries.OfType<ExperimentSummary>()], await BanditsAsync(tenant), sentimentSummary, segmentVersion, segmentSource);
    }

    private async Task<ExperimentSummary?> ExperimentAsync(ExperimentView view)
    {
        var results = await grains.GetGrain<IExperimentGrain>(view.Id).GetResultsAsync();
        if (results is null) return null;
        var arms = results.Arms.Select(a =>
        {
            var primary = a.Metrics.FirstOrDefault();
            return new ArmSummary(a.Arm, a.Persons, primary?.Metric, primary?.Value.Estimate, primary?.Value.Low, primary?.Value.High, 0, 0, null);
        }).ToList();
        return new ExperimentSummary(TenantKeys.IdOf(view.Id), results.Status, results.Decision.Verdict, results.Decision.Arm, results.Decision.Reason, arms);
    }

    private async Task<IReadOnlyList<BanditSummary>> BanditsAsync(string tenant)
    {
        var board = await grains.GetGrain<IVariantBoardGrain>(0).GetChangesAsync(0, 0);
        var items = board?.Items.Select(i => i.ItemId).Where(id => TenantKeys.Belongs(tenant, id)).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
        var tests = await Task.WhenAll(items.Select(id => grains.GetGrain<IItemGrain>(id).GetVariantsAsync()));
        return tests.OfType<VariantTestView>().Select(t => new BanditSummary(TenantKeys.IdOf(t.ItemId), t.State, t.State == VariantTestState.WinnerDeclared.Name() ? t.Served : null,
            t.Variants.MaxBy(v => v.ProbabilityBest)?.VariantId,
            t.Variants.Select(v => new VariantSummary(v.VariantId, v.Impressions, v.Clicks, v.Mean, v.Low, v.High, v.ProbabilityBest)).ToList())).ToList();
    }
}
