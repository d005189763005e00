using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ContentGrains.Grains;

/// <summary>
/// The engine's own meter and every instrument on it, so each metric name is defined once. The silo exports the meter
/// on GET /metrics (Prometheus text); the names are already Prometheus names, so the exporter keeps them as they are.
/// Recording costs a lock-free add per call and no allocation beyond the tag.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "ContentGrains";

    public const string EventsAcceptedName = "contentgrains_events_accepted_total";
    public const string EventsRejectedName = "contentgrains_events_rejected_total";
    public const string EventsDuplicateName = "contentgrains_events_duplicate_total";
    public const string FeedDurationName = "contentgrains_feed_duration_ms";
    public const string TrainingRunsName = "contentgrains_training_runs_total";
    public const string ServedModelVersionName = "contentgrains_model_version";
    public const string SentimentTextsName = "contentgrains_sentiment_texts_total";
    public const string SentimentAlertsName = "contentgrains_sentiment_alerts_total";
    public const string TextVectorsWaitingName = "contentgrains_text_vectors_waiting";
    public const string TextVectorsName = "contentgrains_text_vectors_total";
    public const string TextVectorEncodeSecondsName = "contentgrains_text_vector_encode_seconds_total";

    /// <summary>Every metric name the meter defines (the Grafana dashboard may query only these).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [EventsAcceptedName, EventsRejectedName, EventsDuplicateName, FeedDurationName, TrainingRunsName, ServedModelVersionName,
         SentimentTextsName, SentimentAlertsName, TextVectorsWaitingName, TextVectorsName, TextVectorEncodeSecondsName];

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// Events appended to the log for the first time, tagged "type" (impression, click, …: nine values). Live CTR is
    /// the rate of clicks over the rate of impressions (the Grafana dashboard's "Live CTR" panel).
    /// </summary>
    public static readonly Counter<long> EventsAccepted =
        Meter.CreateCounter<long>(EventsAcceptedName, description: "Events accepted into the event log, by type");

    /// <summary>Events refused by validation, tagged "field" with the field that failed.</summary>
    public static readonly Counter<long> EventsRejected =
        Meter.CreateCounter<long>(EventsRejectedName, description: "Events rejected by validation, by field");

    /// <summary>Valid events whose id the log already held (a client retry).</summary>
    public static readonly Counter<long> EventsDuplicate =
        Meter.CreateCounter<long>(EventsDuplicateName, description: "Valid events the log already held (same event id)");

    /// <summary>Feed compute time on the user's grain, tagged "model_kind" (the feed model's kind, or heuristic).</summary>
    public static readonly Histogram<double> FeedDuration =
        Meter.CreateHistogram<double>(FeedDurationName, description: "Feed compute time in milliseconds, by model kind",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });

    /// <summary>Finished training jobs, tagged "status" (succeeded, rejected, failed, cancelled).</summary>
    public static readonly Counter<long> TrainingRuns =
        Meter.CreateCounter<long>(TrainingRunsName, description: "Finished training runs, by status");

    /// <summary>Event texts the silos' sentiment workers handled, tagged "outcome" (scored, no_model, dropped; failed_batch counts batches).</summary>
    public static readonly Counter<long> SentimentTexts =
        Meter.CreateCounter<long>(SentimentTextsName, description: "Event texts handled by the sentiment workers, by outcome");

    /// <summary>Sentiment alerts raised, tagged "kind" (item, tag, topic).</summary>
    public static readonly Counter<long> SentimentAlerts =
        Meter.CreateCounter<long>(SentimentAlertsName, description: "Sentiment alerts raised, by kind of series");

    // The silos' model caches, held weakly: a silo's cache reports its champions while it lives (tests start many silos in one process).
    private static readonly ConditionalWeakTable<object, Func<IEnumerable<Measurement<long>>>> ServedSources = [];

    // The silos' text vector workers, held weakly as the model caches are.
    private static readonly ConditionalWeakTable<object, Func<ItemTextVectorStats>> TextVectorSources = [];

    static EngineMetrics()
    {
        Meter.CreateObservableGauge(ServedModelVersionName, ObserveServed, description: "Champion model version this silo serves, by model, tenant and silo");
        Meter.CreateObservableGauge(TextVectorsWaitingName, () => TextVectorMeasurements("queue", TextVectorWaiting),
            description: "Items whose text vector is still to be made, by queue (texts, ids: deferred past the text queue's bound, in_flight: the batch being encoded)");
        Meter.CreateObservableCounter(TextVectorsName, () => TextVectorMeasurements("outcome", TextVectorOutcomes),
            description: "Items the text vector worker handled, by outcome (encoded, unchanged, removed, deferred, dropped; failed_batch counts batches)");
        Meter.CreateObservableCounter(TextVectorEncodeSecondsName, () => TextVectorMeasurements("clock", TextVectorClocks),
            description: "Seconds the text vector worker spent in the sentence encoder, by clock (wall, cpu: the encoding thread's CPU time)");
    }

    /// <summary>
    /// Adds a source of the served-version gauge: one measurement per tenant slot that serves a model (none while it serves
    /// nothing), so at most one plus the cache's tenant bound (<see cref="TenantSlots{T}.Bound"/>) per source.
    /// </summary>
    public static void ObserveServedVersion(object owner, Func<IEnumerable<Measurement<long>>> source) => ServedSources.AddOrUpdate(owner, source);

    /// <summary>
    /// Adds a silo's text vector worker to the three text vector metrics. Sources are summed: one silo per process has
    /// one worker (an in-process test cluster's silos add up).
    /// </summary>
    public static void ObserveTextVectors(object owner, Func<ItemTextVectorStats> statistics) => TextVectorSources.AddOrUpdate(owner, statistics);

    private static readonly (string Tag, Func<ItemTextVectorStats, double> Of)[] TextVectorWaiting =
        [("texts", s => s.Waiting), ("ids", s => s.WaitingDeferred), ("in_flight", s => s.InFlight)];

    private static readonly (string Tag, Func<ItemTextVectorStats, double> Of)[] TextVectorOutcomes =
        [("encoded", s => s.Encoded), ("unchanged", s => s.Unchanged), ("removed", s => s.Removed), ("deferred", s => s.Deferred),
         ("dropped", s => s.Dropped), ("failed_batch", s => s.FailedBatches)];

    private static readonly (string Tag, Func<ItemTextVectorStats, double> Of)[] TextVectorClocks =
        [("wall", s => s.EncodeSeconds), ("cpu", s => s.EncodeCpuSeconds)];

    /// <summary>One measurement per value of the label, summed over the workers; none while no worker exists.</summary>
    private static IEnumerable<Measurement<double>> TextVectorMeasurements(string label, (string Tag, Func<ItemTextVectorStats, double> Of)[] series)
    {
        var statistics = TextVectorSources.Select(source => source.Value()).ToList();
        if (statistics.Count == 0) yield break;
        foreach (var (tag, of) in series)
            yield return new Measurement<double>(statistics.Sum(of), new KeyValuePair<string, object?>(label, tag));
    }

    private static IEnumerable<Measurement<long>> ObserveServed()
    {
        foreach (var (_, source) in ServedSources)
            foreach (var measurement in source()) yield return measurement;
    }
}
