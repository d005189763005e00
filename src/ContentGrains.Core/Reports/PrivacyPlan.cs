namespace ContentGrains.Core.Reports;

/// <summary>
/// How a private report spends its epsilon: split over the measures that leave the engine (sequential composition: the
/// shares add up to epsilon), each noised with Laplace (pure ε-DP, the default) or Gaussian ((ε, δ)-DP, the classic
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
        var measures = Shares.Select(s =>
        {
            var share = s.Share * epsilon;
            var (sensitivity, why) = perCell.TryGetValue(s.Name, out var c)
                ? (c.Bound * spread, c.Why)
                : (1.0, "each person is counted in one cell's cohort or one segment");
            var scale = gaussian ? sensitivity * Math.Sqrt(2 * Math.Log(1.25 / delta)) / share : sensitivity / share;
            return new PrivacyMeasure(s.Name, why, share, sensitivity, scale, gaussian ? scale * scale : 2 * scale * scale);
        }).ToList();
        return new PrivacyPlan(epsilon, mechanism, gaussian ? delta : 0, measures);
    }

    public double Draw(NoiseSource noise, string measure)
    {
        var m = this[measure];
        return Mechanism == Gaussian ? noise.Gaussian(m.Scale) : noise.Laplace(m.Scale);
    }
}
