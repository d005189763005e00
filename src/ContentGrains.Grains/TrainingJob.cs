using ContentGrains.Abstractions;
using ContentGrains.Core.Registry;

namespace ContentGrains.Grains;

/// <summary>
/// One training job in the trainer's memory: its identity, live progress (written by the run) and outcome, and the
/// token that cancels it. Only <see cref="TrainerGrain"/> changes it, on its own scheduler.
/// </summary>
public sealed class TrainingJob(string id, string model, string? kind, string trigger, DateTimeOffset createdAt)
{
    public const string Queued = "queued", Running = "running", Succeeded = "succeeded", Rejected = "rejected", Failed = "failed", Cancelled = "cancelled";

    public string Id { get; } = id;
    public TrainingProgress Progress { get; } = new();
    public CancellationTokenSource Cancellation { get; } = new();
    public string Status { get; private set; } = Queued;
    public bool IsActive => Status is Queued or Running;
    private DateTimeOffset? finishedAt;
    private long? version;
    private string? reason;

    public void Start() => Status = Running;

    public void Finish(string status, DateTimeOffset at, long? trainedVersion = null, string? why = null)
    {
        (Status, finishedAt, version, reason) = (status, at, trainedVersion, why);
        if (status == Succeeded || status == Rejected) Progress.Enter("done");
        EngineMetrics.TrainingRuns.Add(1, new KeyValuePair<string, object?>("status", status));
        Cancellation.Dispose();
    }

    public TrainingJobView View() => new(Id, model, kind, trigger, Status, Progress.Phase, Progress.EventsRead, Progress.EventsInLog,
        Progress.Fraction, createdAt, finishedAt, version, reason);
}
