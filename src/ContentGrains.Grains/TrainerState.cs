namespace ContentGrains.Grains;

// Snapshot shape of TrainerGrain; the type name is stored with the JSON, so it is fixed.
public sealed class TrainerState
{
    /// <summary>The version the feeds use, or null before the first training.</summary>
    public long? Champion { get; set; }
    /// <summary>
    /// The champion an operator chose (a rollback), which trainings do not replace until it is unpinned: without it the
    /// next scheduled retrain would silently undo the rollback. Null when trainings may promote.
    /// </summary>
    public long? Pinned { get; set; }
    /// <summary>The highest version ever stored; versions are never reused, even after a failed save.</summary>
    public long LastVersion { get; set; }
    /// <summary>The log size at the last finished training (accepted or rejected), so the schedule skips retraining when nothing arrived.</summary>
    public long EventsAtLastTraining { get; set; }
    /// <summary>The last log sequence the last training read (of the tenant's rows); null for a registry trained before tenants.</summary>
    public long? SequenceAtLastTraining { get; set; }
    /// <summary>When the last training finished, for the every-N-minutes trigger.</summary>
    public DateTimeOffset? LastTrainedAt { get; set; }
    /// <summary>
    /// Champions retired because the weighted ranking beat them on a later training's held-out feeds, with the reason
    /// (click models only): the registry shows them as retired.
    /// </summary>
    public Dictionary<long, string> Retired { get; set; } = [];
    /// <summary>The version whose retirement left the registry without a champion; cleared when a version becomes champion again.</summary>
    public long? RetiredLast { get; set; }
    /// <summary>When the last job failed, cleared by the next finished training: the reminder waits <see cref="TrainingOptions.RetryAfterFailure"/> after it.</summary>
    public DateTimeOffset? LastFailedAt { get; set; }
}
