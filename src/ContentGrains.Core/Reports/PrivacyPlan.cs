namespace ContentGrains.Core.Reports;

/// <summary>
/// How a private report spends its epsilon: split over the measures that leave the engine (sequential composition: the
/// shares add up to epsilon, and for Gaussian noise the deltas add up to delta the same way), each noised with Laplace (pure ε-DP, the default) or Gaussian ((ε, δ)-DP, the classic
/// σ = Δ₂·√(2 ln(1.25/δ))/ε, valid for a share below 1). Sensitivities come from the <see cref="ContributionBounds"/>:
/// a person touches at most K cells, each by at most c events, so L1 = K·c and L2 = √K·c; each person is in one retention
/// cohort and one segment, so those counts have sensitivity 1. Everything else in the report (rates, intervals, marginals,
/// findings, charts) is computed from the noisy sums, which costs no further privacy.
/// </summary>
public sealed record PrivacyPlan(double Epsilon, string Mechanism, double Delta, IReadOnlyList<PrivacyMeasure> Measures)
{
    public const string Laplace = "laplace";
    public const string Gaussian = "gaussian";

    /// <summary>Each measure's share of epsilon (sums to 1).</summary>
    private static readonly (string Name, double Share)[] Shares =
    [
        ("impressions", 0.2), ("clicks", 0.2), ("dwellCount", 0.1), ("dwellSum", 0.1), ("dwellSquares", 0.1),
        ("cohort1", 0.05), ("retained1", 0.05), ("cohort7", 0.05), ("retained7", 0.05), ("segmentPeople", 0.1),
    ];

    /// <summary>
    /// Each measure's share of a released table's epsilon (<see cref="ForCells"/>, sums to 1). CTR's two sums get 60 %:
    /// what wins (CTR) and when people come (impressions) are what a private report is read for; dwell's three sums share
    /// 30 % and the four retention counts 10 %.
    /// </summary>
    private static readonly (string Name, double Share)[] TableShares =
    [
        ("impressions", 0.3), ("clicks", 0.3), ("dwellCount", 0.1), ("dwellSum", 0.1), ("dwellSquares", 0.1),
        ("cohort1", 0.025), ("retained1", 0.025), ("cohort7", 0.025), ("retained7", 0.025),
    ];

    public PrivacyMeasure this[string name] => Measures.First(m => m.Name == name);

    /// <summary>The problem with a request's privacy settings as (field, reason), or null.</summary>
    public static (string Field, string Reason)? Problem(double epsilon, string mechanism, double delta) =>
        !(epsilon > 0 && epsilon <= 100) ? ("epsilon", "must be above 0 and at most 100")
        : mechanism is not (Laplace or Gaussian) ? ("mechanism", $"must be {Laplace} or {Gaussian}")
        : mechanism == Gaussian && !(delta > 0 && delta < 1e-3) ? ("delta", "must be above 0 and below 0.001 for the gaussian mechanism")
        : mechanism == Gaussian && Shares.Max(s => s.Share) * epsilon >= 1
            ? ("epsilon", $"must be below {1 / Shares.Max(s => s.Share):0.##} for the gaussian mechanism (each measure's share must stay below 1)")
        : null;

    public static PrivacyPlan For(double epsilon, string mechanism, double delta, ContributionBounds b)
    {
        if (Problem(epsilon, mechanism, delta) is { } p) throw new ArgumentException($"{p.Field} {p.Reason}");
        return Build(epsilon, mechanism, delta, b, Shares);
    }

    /// <summary>
    /// A plan for one released table of cells (the nine cell measures by <see cref="TableShares"/>, scaled to sum to
    /// <paramref name="epsilon"/>; segment sizes are released apart), counted with the clip applied to its own cells.
    /// </summary>
    public static PrivacyPlan ForCells(double epsilon, string mechanism, double delta, ContributionBounds b) =>
        Build(epsilon, mechanism, delta, b, TableShares);

    /// <summary>One count released once, with its sensitivity stated (a total, or the segments' sizes).</summary>
    public static PrivacyMeasure Single(string name, string why, double epsilon, double sensitivity, string mechanism, double delta)
    {
        var gaussian = mechanism == Gaussian;
        var scale = gaussian ? sensitivity * Math.Sqrt(2 * Math.Log(1.25 / delta)) / epsilon : sensitivity / epsilon;
        return new PrivacyMeasure(name, why, epsilon, sensitivity, scale, gaussian ? scale * scale : 2 * scale * scale, gaussian ? delta : 0);
    }

    private static PrivacyPlan Build(double epsilon, string mechanism, double delta, ContributionBounds b, (string Name, double Share)[] shares)
    {
        var gaussian = mechanism == Gaussian;
        var cells = (double)b.MaxCellsPerPerson;
        var spread = gaussian ? Math.Sqrt(cells) : cells; // how K cells add up: L2 or L1
        var perCell = new Dictionary<string, (double Bound, string Why)>
        {
            ["impressions"] = (b.MaxImpressionsPerCell, $"≤ {b.MaxImpressionsPerCell} impressions in each of ≤ {b.MaxCellsPerPerson} cells"),
            ["clicks"] = (b.MaxClicksPerCell, $"≤ {b.MaxClicksPerCell} clicks in each of ≤ {b.MaxCellsPerPerson} cells"),
            ["dwellCount"] = (b.MaxDwellsPerCell, $"≤ {b.MaxDwellsPerCell} dwell values in each of ≤ {b.MaxCellsPerPerson} cells"),
            ["dwellSum"] = (b.MaxDwellsPerCell * b.MaxDwellSeconds, $"≤ {b.MaxDwellsPerCell} dwell values of ≤ {b.MaxDwellSeconds} s in each of ≤ {b.MaxCellsPerPerson} cells"),
            ["dwellSquares"] = (b.MaxDwellsPerCell * b.MaxDwellSeconds * b.MaxDwellSeconds, $"squares of ≤ {b.MaxDwellsPerCell} dwell values of ≤ {b.MaxDwellSeconds} s in each of ≤ {b.MaxCellsPerPerson} cells"),
        };
        var measures = shares.Select(s => perCell.TryGetValue(s.Name, out var c)
            ? Single(s.Name, c.Why, s.Share * epsilon, c.Bound * spread, mechanism, s.Share * delta)
            : Single(s.Name, "each person is counted in one cell's cohort or one segment", s.Share * epsilon, 1.0, mechanism, s.Share * delta)).ToList();
        return new PrivacyPlan(epsilon, mechanism, gaussian ? delta : 0, measures);
    }

    public double Draw(NoiseSource noise, string measure)
    {
        return Draw(noise, Mechanism, this[measure].Scale);
    }

    /// <summary>One draw of <paramref name="mechanism"/>'s noise at <paramref name="scale"/> (Laplace b or Gaussian σ).</summary>
    public static double Draw(NoiseSource noise, string mechanism, double scale) =>
        mechanism == Gaussian ? noise.Gaussian(scale) : noise.Laplace(scale);
}
