using ContentGrains.Core.Reports;

namespace ContentGrains.Grains;

/// <summary>Content reports ("ContentGrains:Engine:Reports"): the privacy budget and the report's size bounds.</summary>
public sealed class ReportsOptions
{
    /// <summary>The model-store name reports are stored under (version = the report's number).</summary>
    public const string StoreName = "report";

    /// <summary>Total epsilon all private reports may spend together (sequential composition). Raising it is a decision.</summary>
    public double EpsilonBudget { get; set; } = 10;

    /// <summary>Total delta of Gaussian reports.</summary>
    public double DeltaBudget { get; set; } = 1e-5;

    /// <summary>Cells the job tallies exactly (about 250 bytes each); a private report's whole domain must fit too.</summary>
    public int MaxCells { get; set; } = PerformanceCube.DefaultMaxCells;

    /// <summary>Cells listed in a report (the largest); the rest are folded into one row.</summary>
    public int MaxRows { get; set; } = 500;

    /// <summary>Cells with fewer impressions are folded into one row of the table (they still count in marginals and findings).</summary>
    public long MinCellImpressions { get; set; } = 50;
}
