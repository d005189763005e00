namespace ContentGrains.Core.Reports;

/// <summary>
/// How much one person may add to a report: events in at most <see cref="MaxCellsPerPerson"/> distinct cells, and per
/// cell at most so many impressions, clicks and dwell values, each dwell clipped to <see cref="MaxDwellSeconds"/>. Events
/// beyond are left out (and counted). The bounds make each measure's sensitivity finite (what differential privacy's
/// noise is scaled to), so private reports apply them; exact reports count every event (<see cref="None"/>), since
/// clipping costs accuracy and buys nothing without noise.
/// </summary>
public sealed record ContributionBounds
{
    /// <summary>No clipping: every event counts (exact reports).</summary>
    public static ContributionBounds None { get; } = new()
    {
        MaxCellsPerPerson = int.MaxValue, MaxImpressionsPerCell = int.MaxValue, MaxClicksPerCell = int.MaxValue,
        MaxDwellsPerCell = int.MaxValue, MaxDwellSeconds = double.MaxValue,
    };

    public bool IsNone => MaxCellsPerPerson == int.MaxValue;

    public int MaxCellsPerPerson { get; init; } = 8;
    public int MaxImpressionsPerCell { get; init; } = 20;
    public int MaxClicksPerCell { get; init; } = 5;
    public int MaxDwellsPerCell { get; init; } = 5;
    public double MaxDwellSeconds { get; init; } = 600;

    /// <summary>The first bound out of range, as (field, reason); null when all are valid.</summary>
    public (string Field, string Reason)? Problem() =>
        MaxCellsPerPerson is < 1 or > 1_000 ? ("maxCellsPerPerson", "must be between 1 and 1000")
        : MaxImpressionsPerCell is < 1 or > 100_000 ? ("maxImpressionsPerCell", "must be between 1 and 100000")
        : MaxClicksPerCell is < 1 or > 100_000 ? ("maxClicksPerCell", "must be between 1 and 100000")
        : MaxDwellsPerCell is < 1 or > 100_000 ? ("maxDwellsPerCell", "must be between 1 and 100000")
        : !(MaxDwellSeconds is >= 1 and <= 86_400) ? ("maxDwellSeconds", "must be between 1 and 86400")
        : null;
}
