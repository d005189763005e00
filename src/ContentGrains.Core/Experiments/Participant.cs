namespace ContentGrains.Core.Experiments;

/// <summary>
/// One exposed person: the arm, when they were first exposed, how many exposures, their pre-exposure value of the CUPED
/// covariate (null when unknown) and their running total of each metric since exposure. Stored in the experiment's
/// snapshot, so property names are part of the stored format.
/// </summary>
public sealed class Participant
{
    public string Arm { get; set; } = "";
    public DateTimeOffset FirstExposure { get; set; }
    public long Exposures { get; set; }
    public double? PreExposure { get; set; }
    /// <summary>When the primary metric is a ratio: the pre-exposure value of its denominator (<see cref="PreExposure"/> holds the numerator's).</summary>
    public double? PreExposureDenominator { get; set; }
    public Dictionary<string, double> Totals { get; set; } = new(StringComparer.Ordinal);

    public double Total(string metric) => Totals.GetValueOrDefault(metric);
}
