using ContentGrains.Core.Experiments;

namespace ContentGrains.Grains;

/// <summary>
/// An experiment's snapshot: its design, lifecycle and exposure ledger. Grain storage writes it as JSON with type names,
/// so this type's name and namespace are fixed. Null design: never created.
/// </summary>
public sealed class ExperimentState
{
    public ExperimentDesign? Design { get; set; }
    public string? Description { get; set; }
    public string Status { get; set; } = ExperimentStatus.Draft;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public ExperimentLedger Ledger { get; set; } = new();
}

/// <summary>The lifecycle: draft → running → stopped (a stopped experiment does not restart; create a new one).</summary>
public static class ExperimentStatus
{
    public const string Draft = "draft", Running = "running", Stopped = "stopped";
}

/// <summary>
/// An experiment's incremental log pass (<see cref="IncrementalOutcomePass.ToBytes"/>: per exposed person their tallies and
/// traffic activity, the log position, the re-read window's sequences), in its own row beside the experiment's snapshot:
/// it is written after a results read that moved it, not with every exposure, and it is derived data (the log is the
/// truth), so a lost or stale row costs one full pass, never a wrong count (<see cref="IncrementalOutcomePass.Resume"/>
/// checks it against the exposure log). Grain storage writes it as JSON with type names: this type's name is fixed.
/// </summary>
public sealed class ExperimentMeasureState
{
    public byte[]? Pass { get; set; }
}

