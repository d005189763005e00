namespace ContentGrains.Abstractions;

/// <summary>One window of a sentiment series: its bounds, its scored comments and the share of them that were negative.</summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentWindowView")]
public sealed record SentimentWindowView(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] int Positive,
    [property: Id(3)] int Negative,
    [property: Id(4)] int Total,
    [property: Id(5)] double NegativeShare);

/// <summary>
/// A sentiment series over time: key "item:ID", "tag:TAG" or "topic:ID" (its kind and id apart too), the window length,
/// and its windows oldest first (only windows with comments).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentSeriesView")]
public sealed record SentimentSeriesView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Id,
    [property: Id(3)] double WindowSeconds,
    [property: Id(4)] IReadOnlyList<SentimentWindowView> Windows);

/// <summary>
/// A window whose negative share jumped beyond the series' usual range: the series, the window, its counts, the usual
/// share its history predicts, the tail probability of seeing this many negatives under that prediction, and when the
/// engine raised it.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentAlertView")]
public sealed record SentimentAlertView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Id,
    [property: Id(3)] DateTimeOffset WindowStart,
    [property: Id(4)] DateTimeOffset WindowEnd,
    [property: Id(5)] int Negative,
    [property: Id(6)] int Total,
    [property: Id(7)] double NegativeShare,
    [property: Id(8)] double UsualShare,
    [property: Id(9)] double TailProbability,
    [property: Id(10)] DateTimeOffset RaisedAt);

/// <summary>A stored sentiment model version: how it came (trained here or loaded), its training sentences (0 when loaded), the sentence vector size it takes, its size and training time.</summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentModelView")]
public sealed record SentimentModelView(
    [property: Id(0)] long Version,
    [property: Id(1)] string Source,
    [property: Id(2)] DateTimeOffset StoredAt,
    [property: Id(3)] long Sentences,
    [property: Id(4)] int Dimensions,
    [property: Id(5)] long Bytes,
    [property: Id(6)] double Seconds);

/// <summary>The answer to a training or a load: the version stored, or the field at fault and why (nothing stored).</summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentModelResult")]
public sealed record SentimentModelResult(
    [property: Id(0)] SentimentModelView? Model,
    [property: Id(1)] string? Field = null,
    [property: Id(2)] string? Reason = null);

/// <summary>
/// The last training run started on this engine: running, succeeded (with the version stored) or failed (with the field
/// at fault and why); "none" before the first. A run lives in the model grain's memory; its model, once stored, is durable.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SentimentTraining")]
public sealed record SentimentTraining(
    [property: Id(0)] string Status,
    [property: Id(1)] DateTimeOffset? StartedAt = null,
    [property: Id(2)] DateTimeOffset? FinishedAt = null,
    [property: Id(3)] SentimentModelView? Model = null,
    [property: Id(4)] string? Field = null,
    [property: Id(5)] string? Reason = null)
{
    public const string None = "none", Running = "running", Succeeded = "succeeded", Failed = "failed";
}

/// <summary>
/// The engine's sentiment classifier (key: "default"): trains one from a folder of labelled sentences on the server, or
/// stores one `contentgrains sentiment train` wrote, as the next version of the model "sentiment" in the model store,
/// which every silo loads to score comments.
/// </summary>
public interface ISentimentModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts training on the folder's <c>*_labelled.txt</c> files (each view fitted at three penalties and averaged,
    /// or at <paramref name="l2"/> alone when it is given) and returns at once: the run, or a failed one naming the field when the request is
    /// bad. While a run is going, the answer is that run.
    /// </summary>
    Task<SentimentTraining> StartTrainingAsync(string dataFolder, double? l2);

    /// <summary>The last training run.</summary>
    Task<SentimentTraining> GetTrainingAsync();

    /// <summary>Checks and stores a model file's bytes.</summary>
    Task<SentimentModelResult> StoreAsync(byte[] model);

    /// <summary>The latest stored version, or null when none was stored.</summary>
    Task<SentimentModelView?> GetLatestAsync();
}

/// <summary>One sentiment series (key: "item:ID", "tag:TAG", "topic:ID"), kept in grain storage.</summary>
public interface ISentimentSeriesGrain : IGrainWithStringKey
{
    Task<SentimentSeriesView> GetAsync();
}

/// <summary>The engine's recent sentiment alerts (key: "default"), newest first, kept in grain storage.</summary>
public interface ISentimentAlertsGrain : IGrainWithStringKey
{
    /// <param name="kind">item, tag or topic; null for all.</param>
    Task<IReadOnlyList<SentimentAlertView>> ListAsync(string? kind, DateTimeOffset? since, int count);
}
