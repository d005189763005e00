namespace ContentGrains.Core.Reports;

/// <summary>
/// The sections a report takes from other parts of the engine as they are: experiments (results from their grains),
/// headline tests (posteriors from the item grains), sentiment (its source), and the segment model's version.
/// </summary>
public sealed record ReportInputs(
    IReadOnlyList<ExperimentSummary> Experiments,
    IReadOnlyList<BanditSummary> Bandits,
    SentimentSummary Sentiment,
    long? SegmentModelVersion,
    string SegmentSource)
{
    public static ReportInputs Empty { get; } = new([], [], new SentimentSummary("none", "no sentiment source", []), null, "none");
}
