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
