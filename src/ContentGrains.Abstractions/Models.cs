using Orleans.Concurrency;

namespace ContentGrains.Abstractions;

/// <summary>The slice of the event log a version was trained on.</summary>
[GenerateSerializer, Immutable, Alias("cg.ModelWindowView")]
public sealed record ModelWindowView(
    [property: Id(0)] long FirstSequence,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] DateTimeOffset FirstEventAt,
    [property: Id(3)] DateTimeOffset LastEventAt);

/// <summary>Held-out metrics: NDCG@10 and Recall@10 for retrieval; AUC, log-loss and group AUC for a click model (null until one is trained).</summary>
[GenerateSerializer, Immutable, Alias("cg.ModelMetricsView")]
public sealed record ModelMetricsView(
    [property: Id(0)] double? Ndcg10,
    [property: Id(1)] double? Recall10,
    [property: Id(2)] int HeldOutUsers,
    [property: Id(3)] double? Auc,
    [property: Id(4)] double? LogLoss,
    [property: Id(5)] double? GroupAuc);

/// <summary>One stored model version in the registry, with the gate's verdict (status "accepted", "rejected" or, for a click champion the weighted ranking later beat, "retired"; and why).</summary>
[GenerateSerializer, Immutable, Alias("cg.ModelVersionView")]
public sealed record ModelVersionView(
    [property: Id(0)] string Name,
    [property: Id(1)] long Version,
    [property: Id(2)] string Kind,
    [property: Id(3)] DateTimeOffset TrainedAt,
    [property: Id(4)] long EventsRead,
    [property: Id(5)] int Users,
    [property: Id(6)] int Items,
    [property: Id(7)] int Positives,
    [property: Id(8)] double TrainSeconds,
    [property: Id(9)] long Bytes,
    [property: Id(10)] bool Champion,
    [property: Id(11)] ModelWindowView? Window = null,
    [property: Id(12)] ModelMetricsView? Metrics = null,
    [property: Id(13)] string Device = "cpu",
    [property: Id(14)] string? Sha256 = null,
    [property: Id(15)] string Status = "accepted",
    [property: Id(16)] string? Reason = null);

/// <summary>
/// What one silo's scorer serves, the last version it refused (a failed checksum, shape or test score), and whether the
/// served version is ready to serve at full speed (null while that is not known yet; feed models only).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SiloModelView")]
public sealed record SiloModelView(
    [property: Id(0)] string Silo,
    [property: Id(1)] long? Serving,
    [property: Id(2)] long? Refused,
    [property: Id(3)] string? RefusedReason,
    [property: Id(4)] DateTimeOffset ReportedAt,
    [property: Id(5)] ServingReadinessView? Readiness = null);

/// <summary>
/// Whether a silo serves <c>Version</c> at full speed: its start-up work done (an embedding model's neighbour lists made:
/// <c>NeighbourLists</c> of them in <c>Seconds</c>) or none needed (<c>Detail</c> says why). <c>Ready</c> is false while
/// the lists are being made; feeds are answered meanwhile, slower. The silo logs the same line ("is ready to serve model").
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ServingReadinessView")]
public sealed record ServingReadinessView(
    [property: Id(0)] long Version,
    [property: Id(1)] bool Ready,
    [property: Id(2)] int NeighbourLists,
    [property: Id(3)] double Seconds,
    [property: Id(4)] string Detail);

/// <summary>
/// A model's registry: every stored version, which one the feeds use, and what each silo reported serving.
/// <c>ChampionReason</c> says why there is no champion when a retirement left none (a click champion the weighted
/// ranking beat: its version's status is "retired"); null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ModelRegistryView")]
public sealed record ModelRegistryView(
    [property: Id(0)] string Name,
    [property: Id(1)] long? Champion,
    [property: Id(2)] IReadOnlyList<ModelVersionView> Versions,
    [property: Id(3)] IReadOnlyList<SiloModelView>? Silos = null,
    [property: Id(4)] long? Pinned = null,
    [property: Id(5)] string? ChampionReason = null);

/// <summary>
/// A training job. Status: queued, running, succeeded (a new champion), rejected (trained, gated out; <c>Reason</c>
/// says why), failed (<c>Reason</c> has the error) or cancelled. Phase and the fraction say how far it has come.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.TrainingJobView")]
public sealed record TrainingJobView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Model,
    [property: Id(2)] string? Kind,
    [property: Id(3)] string Trigger,
    [property: Id(4)] string Status,
    [property: Id(5)] string Phase,
    [property: Id(6)] long EventsRead,
    [property: Id(7)] long EventsInLog,
    [property: Id(8)] double Fraction,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] long? Version,
    [property: Id(12)] string? Reason)
{
    public bool IsActive => Status is "queued" or "running";
}

/// <summary>The answer to a start request: the job, and whether it is new (false: one was already active, and this is it).</summary>
[GenerateSerializer, Immutable, Alias("cg.TrainingJobStart")]
public sealed record TrainingJobStart([property: Id(0)] TrainingJobView Job, [property: Id(1)] bool Started);

/// <summary>
/// Trains a model from the event log as jobs and keeps its registry (key: model name, "default" for the feeds).
/// Placed on a silo whose role is gpu when one is up. One job runs per model at a time; a start returns at once.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <param name="kind">The model kind (e.g. "ease", "itemknn", "pop"); null keeps the configured one.</param>
    /// <param name="trigger">Who asked: "http", "cli", "schedule", "events" or a test's name.</param>
    Task<TrainingJobStart> StartTrainingAsync(string? kind, string trigger);

    /// <summary>The job, or null when this trainer has no job of that id (only the latest jobs are kept).</summary>
    [AlwaysInterleave]
    Task<TrainingJobView?> GetJobAsync(string jobId);

    /// <summary>Asks the job to stop at its next check; null when no job has that id. A finished job is returned unchanged.</summary>
    [AlwaysInterleave]
    Task<TrainingJobView?> CancelJobAsync(string jobId);

    [AlwaysInterleave]
    Task<ModelRegistryView> GetRegistryAsync();

    /// <summary>
    /// Makes a stored, accepted version the champion again (roll back or forward), publishes it to every silo and pins it:
    /// later trainings (by hand or by reminder) store their versions but do not replace a pinned champion.
    /// </summary>
    Task<ModelRegistryView> SetChampionAsync(long version);

    /// <summary>Releases the pin: the champion stays, and the next accepted training replaces it again.</summary>
    Task<ModelRegistryView> UnpinChampionAsync();

    /// <summary>The champion's version, or null before the first training. Answers even while a training runs.</summary>
    [AlwaysInterleave]
    Task<long?> GetChampionAsync();

    /// <summary>
    /// A silo's poll: its scorer's report (kept as <see cref="ReportSiloAsync"/> keeps one) answered with the champion's
    /// version. Each poll carries the report, so the registry's list of silos fills again after the trainer moved or
    /// restarted, and a silo that serves no version yet is listed too.
    /// </summary>
    [AlwaysInterleave]
    Task<long?> PollChampionAsync(SiloModelView report);

    /// <summary>A silo's scorer reports what it serves (and what it refused), for the registry view.</summary>
    [AlwaysInterleave, OneWay]
    Task ReportSiloAsync(SiloModelView report);
}

/// <summary>A non-personal list: the items similar to <c>Of</c> (an item id), or trending (<c>Of</c> = "trending").</summary>
[GenerateSerializer, Immutable, Alias("cg.ItemList")]
public sealed record ItemList([property: Id(0)] string Of, [property: Id(1)] IReadOnlyList<FeedItem> Items, [property: Id(2)] string Model);

/// <summary>Items similar to one item, and what is trending: non-personal lists any silo can answer.</summary>
public interface IDiscoveryGrain : IGrainWithIntegerKey
{
    /// <summary>Null when the item is unknown to both the catalog and the model.</summary>
    Task<ItemList?> GetSimilarAsync(string itemId, int count, string? channel);

    /// <summary>The tenant's trending items (README, "Tenants"; "" is the default tenant). Item ids in the other calls carry their tenant already.</summary>
    /// <param name="filter">A section (<see cref="FeedFilter"/>): its tags' own popularity lists; null for the whole catalog.</param>
    Task<ItemList> GetTrendingAsync(string tenant, int count, string? channel, FeedFilter? filter = null);

    /// <summary>"People who read X also read Y": the item's association rules from this silo's copy.</summary>
    Task<AlsoList> GetAlsoAsync(string itemId, int count);
}

/// <summary>"People who read X also read Y": the rule X ⇒ Y with the baskets holding both, its support, confidence and lift.</summary>
[GenerateSerializer, Immutable, Alias("cg.AlsoRule")]
public sealed record AlsoRule(
    [property: Id(0)] IReadOnlyList<string> If,
    [property: Id(1)] string ItemId,
    [property: Id(2)] int Count,
    [property: Id(3)] double Support,
    [property: Id(4)] double Confidence,
    [property: Id(5)] double Lift);

/// <summary>An item's association rules, strongest first, from the rules version <see cref="Version"/> (null: none mined yet).</summary>
[GenerateSerializer, Immutable, Alias("cg.AlsoList")]
public sealed record AlsoList(
    [property: Id(0)] string ItemId,
    [property: Id(1)] IReadOnlyList<AlsoRule> Rules,
    [property: Id(2)] long? Version);

/// <summary>A rules mining run: the version stored (null when it failed), baskets, rules kept, seconds, or the error.</summary>
[GenerateSerializer, Immutable, Alias("cg.RulesRun")]
public sealed record RulesRun(
    [property: Id(0)] long? Version,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] long EventsRead,
    [property: Id(3)] int Baskets,
    [property: Id(4)] int Rules,
    [property: Id(5)] double Seconds,
    [property: Id(6)] string? Error);

/// <summary>
/// Mines association rules over the event log's sessions (key: "default") and stores each run as a version of the
/// model "rules", which every silo loads. Runs on a reminder every Rules:Interval, or now by hand.
/// </summary>
public interface IRulesGrain : IGrainWithStringKey
{
    /// <summary>Mines now and waits for the run to end.</summary>
    Task<RulesRun> MineAsync();

    /// <summary>The latest stored version, or null when none was mined.</summary>
    Task<long?> GetLatestVersionAsync();
}
