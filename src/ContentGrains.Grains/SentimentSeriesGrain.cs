using ContentGrains.Abstractions;
using ContentGrains.Core.Sentiment;
using Microsoft.Extensions.Options;

namespace ContentGrains.Grains;

/// <summary>
/// One sentiment series (key: "item:ID", "tag:TAG", "topic:ID"): its windows in grain storage, written after every batch
/// (batches come from the silos' sentiment workers, already grouped, so a write per batch is cheap). Each batch's changed
/// windows go through the spike detector against the windows before them; new alerts go to the alerts grain of the
/// series' tenant (a tenant's keys are "tenant/kind:ID", <see cref="SentimentKeys"/>).
/// </summary>
public sealed class SentimentSeriesGrain(
    [PersistentState("sentiment", ContentGrainsNames.SnapshotStorage)] IPersistentState<SentimentSeriesState> state,
    IGrainFactory grains,
    IOptions<EngineOptions> options,
    TimeProvider clock) : Grain, ISentimentSeriesGrain, ISentimentSeriesUpdateGrain
{
    private SentimentOptions Settings => options.Value.Sentiment;
    private string Key => this.GetPrimaryKeyString();

    private SentimentSeries Series => new(Settings.Window, Settings.WindowsKept, state.State.Windows, state.State.Alerted);

    public async Task AddAsync(IReadOnlyList<ScoredCommentMessage> comments)
    {
        var series = Series;
        var changed = series.Add(comments.Select(c => new ScoredComment(c.At, c.PPositive)));
        var alerts = series.Check(Key, Settings.Detector, changed);
        await state.WriteStateAsync();
        if (alerts.Count > 0)
            await grains.GetGrain<ISentimentAlertsRaiseGrain>(SentimentOptions.KeyOf(SentimentKeys.Split(Key).Tenant)).RaiseAsync(alerts.Select(View).ToList());
    }

    public Task<SentimentSeriesView> GetAsync()
    {
        var (kind, id) = SentimentKeys.Parse(Key);
        var windows = state.State.Windows.Select(w => new SentimentWindowView(w.Start, w.Start + Settings.Window, w.Positive, w.Negative, w.Total,
            w.Total == 0 ? 0 : Math.Round((double)w.Negative / w.Total, 6))).ToList();
        return Task.FromResult(new SentimentSeriesView(Key, kind, id, Settings.Window.TotalSeconds, windows));
    }

    private SentimentAlertView View(SentimentAlert a)
    {
        var (kind, id) = SentimentKeys.Parse(a.Key);
        return new SentimentAlertView(a.Key, kind, id, a.WindowStart, a.WindowStart + Settings.Window, a.Negative, a.Total,
            Math.Round((double)a.Negative / a.Total, 6), Math.Round(a.UsualShare, 6), a.TailProbability, clock.GetUtcNow());
    }
}
