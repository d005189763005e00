namespace ContentGrains.Core.Reports;

/// <summary>
/// What a report covers and how: the window [From, To), the experiments to include (by id), and privacy: with
/// <see cref="Epsilon"/> set, every aggregate is noised (<see cref="PrivacyPlan"/>) and the epsilon is spent from the
/// budget; without it the report is exact and stays with the engine's operators.
/// </summary>
public sealed record ReportRequest
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public double? Epsilon { get; init; }
    public string Mechanism { get; init; } = PrivacyPlan.Laplace;
    public double Delta { get; init; } = 1e-6;
    public IReadOnlyList<string> Experiments { get; init; } = [];
    public ContributionBounds Bounds { get; init; } = new();
    public long MinImpressions { get; init; } = 200;
    public double Confidence { get; init; } = 0.95;

    public bool IsPrivate => Epsilon is not null;

    /// <summary>The first problem as (field, reason), or null.</summary>
    public (string Field, string Reason)? Problem() =>
        From is { } f && To is { } t && t <= f ? ("to", "must be after from")
        : Epsilon is { } e && PrivacyPlan.Problem(e, Mechanism, Delta) is { } p ? p
        : Epsilon is null && Mechanism is not (PrivacyPlan.Laplace or PrivacyPlan.Gaussian) ? ("mechanism", $"must be {PrivacyPlan.Laplace} or {PrivacyPlan.Gaussian}")
        : Experiments.Count > 20 ? ("experiments", "at most 20 experiments per report")
        : Experiments.FirstOrDefault(string.IsNullOrWhiteSpace) is not null ? ("experiments", "an experiment id is empty")
        : MinImpressions is < 1 or > 10_000_000 ? ("minImpressions", "must be between 1 and 10000000")
        : !(Confidence is >= 0.5 and < 1) ? ("confidence", "must be at least 0.5 and below 1")
        : Bounds.Problem() is { } b ? ("bounds." + b.Field, b.Reason)
        : null;

    public double DeltaSpent => Epsilon is not null && Mechanism == PrivacyPlan.Gaussian ? Delta : 0;
}
