using ContentGrains.Abstractions;
using ContentGrains.Core.Reports;

namespace ContentGrains.Grains;

/// <summary>The wire's report spec as Core's request (defaults filled in), and entries as the wire shows them.</summary>
public static class ReportMapping
{
    public static ReportRequest ToRequest(this ReportSpec spec)
    {
        var defaults = new ContributionBounds();
        var b = spec.Bounds;
        return new ReportRequest
        {
            From = spec.From,
            To = spec.To,
            Epsilon = spec.Epsilon,
            Mechanism = spec.Mechanism ?? PrivacyPlan.Laplace,
            Delta = spec.Delta ?? 1e-6,
            Experiments = spec.Experiments ?? [],
            MinImpressions = spec.MinImpressions ?? 200,
            Bounds = new ContributionBounds
            {
                MaxCellsPerPerson = b?.MaxCellsPerPerson ?? defaults.MaxCellsPerPerson,
                MaxImpressionsPerCell = b?.MaxImpressionsPerCell ?? defaults.MaxImpressionsPerCell,
                MaxClicksPerCell = b?.MaxClicksPerCell ?? defaults.MaxClicksPerCell,
                MaxDwellsPerCell = b?.MaxDwellsPerCell ?? defaults.MaxDwellsPerCell,
                MaxDwellSeconds = b?.MaxDwellSeconds ?? defaults.MaxDwellSeconds,
            },
        };
    }

    public static ReportEntry ToWire(this ReportRecord r) => new(r.Id, r.Status, r.CreatedAt, r.FinishedAt, r.Epsilon, r.Delta, r.Error, r.Findings);
}
