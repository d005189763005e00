namespace ContentGrains.Abstractions;

/// <summary>
/// A fit of the live CTR model. Status: "running" (202: poll GET /v1/ctr-model), "succeeded" (Version is stored),
/// "too-few-items" (409: too few items have traffic yet) or "failed" (Error says why).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.CtrModelJob")]
public sealed record CtrModelJob(
    [property: Id(0)] string Status,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? FinishedAt,
    [property: Id(3)] int ItemsRead,
    [property: Id(4)] int Rows,
    [property: Id(5)] long? Version,
    [property: Id(6)] double Seconds,
    [property: Id(7)] string? Error)
{
    public const string Running = "running", Succeeded = "succeeded", TooFewItems = "too-few-items", Failed = "failed";
}

/// <summary>
/// Fits the CTR model (cold-start prior) over the catalog's items with traffic (key "default"), stores each fit as a
/// model version, refits on a schedule.
/// </summary>
public interface ICtrModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reads the catalog's items and counters; with enough traffic starts the fit in the background and answers "running"
    /// (a fit already running is answered as it is), otherwise answers "too-few-items".
    /// </summary>
    Task<CtrModelJob> StartFitAsync();

    /// <summary>The last fit started since this grain was activated, or null.</summary>
    Task<CtrModelJob?> GetJobAsync();

    /// <summary>The latest stored version, or null when none was fitted.</summary>
    Task<long?> GetLatestVersionAsync();
}

/// <summary>A feature the CTR model leans on, with its share of the model's total split gain.</summary>
[GenerateSerializer, Immutable, Alias("cg.CtrFeatureShare")]
public sealed record CtrFeatureShare([property: Id(0)] string Feature, [property: Id(1)] double Share);

/// <summary>
/// An item's CTR prior: the served CTR model's version and prediction (both null while no model is served), the prior
/// its smoothed CTR uses (mean and weight in impressions: the prediction when there is one, the fixed prior otherwise),
/// its smoothed CTR, and the features it has that the model leans on most (by the model's gain, not a per-item attribution).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ItemCtrPrior")]
public sealed record ItemCtrPrior(
    [property: Id(0)] string ItemId,
    [property: Id(1)] long? ModelVersion,
    [property: Id(2)] double? PredictedCtr,
    [property: Id(3)] double PriorMean,
    [property: Id(4)] double PriorWeight,
    [property: Id(5)] double SmoothedCtr,
    [property: Id(6)] IReadOnlyList<CtrFeatureShare> TopFeatures);
