namespace ContentGrains.Grains;

/// <summary>Settings of training jobs, the gate and the trainer's placement ("ContentGrains:Engine:Training").</summary>
public sealed class TrainingOptions
{
    /// <summary>Managed memory a run may use for log pages and the compact training set (the model's fit is the kind's own).</summary>
    public long MemoryBoundBytes { get; set; } = 256L << 20;
    /// <summary>Users whose latest positive is held out to judge a candidate against the champion…</summary>
    public int HeldOutUsers { get; set; } = 1_000;
    /// <summary>…drawn from users with at least this many positives (so the rest still trains them).</summary>
    public int HeldOutMinPositives { get; set; } = 3;
    /// <summary>How much worse (absolute, per metric) than the champion a candidate may be and still replace it.</summary>
    public double GateTolerance { get; set; } = 0.01;
    /// <summary>Start a job when this many events arrived since the last one; zero turns this trigger off.</summary>
    public long RetrainAfterEvents { get; set; }
    /// <summary>After a failed job the reminder starts none for this long (a job started by hand still runs).</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How often the trainer's reminder checks the triggers (Orleans reminders tick at most once a minute).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The silo role the trainer is placed on when a silo with it is up.</summary>
    public string PreferredRole { get; set; } = "gpu";
    /// <summary>Whether the trainer may run on other silos when no silo with <see cref="PreferredRole"/> is up.</summary>
    public bool FallbackToAnySilo { get; set; } = true;
    /// <summary>
    /// How often a trainer that fell back to another silo looks for a silo with <see cref="PreferredRole"/>; once one is up
    /// (and no job runs) it deactivates, and its next call places it there.
    /// </summary>
    public TimeSpan PlacementCheck { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Epochs the live embedding kind trains (it has no validation set to stop on); null keeps the default of
    /// ContentGrains.Training.TrainingKinds (80). Read once, when the host starts.
    /// </summary>
    public int? EmbeddingEpochs { get; set; }
    /// <summary>Finished jobs kept for status requests (jobs live in the trainer's memory).</summary>
    public int KeepJobs { get; set; } = 50;
}
