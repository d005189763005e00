using ContentGrains.Core.Kpis;
using MathNet.Numerics.Distributions;

namespace ContentGrains.Core.Reports;

/// <summary>
/// The rates and means of a (possibly noisy) tally with their intervals. Exact: Wilson for proportions and Student t
/// for mean dwell, as the KPIs use. Private: the same on the noisy sums rounded into range, widened by the noise the
/// sums carry (delta method: var(c/n) ≈ (var c + p² var n)/n², each summed cell adding its own noise variance), so an
/// interval covers both the sampling and the privacy noise.
/// </summary>
public sealed class TallyIntervals(double confidence, PrivacyPlan? privacy)
{
    private readonly double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);

    public double Confidence => confidence;

    public ProportionInterval? Ctr(CellTally t) => Proportion(t.Clicks, t.Impressions, t.Cells, "clicks", "impressions");

    public ProportionInterval? Day1(CellTally t) => Proportion(t.Retained1, t.Cohort1, t.Cells, "retained1", "cohort1");

    public ProportionInterval? Day7(CellTally t) => Proportion(t.Retained7, t.Cohort7, t.Cells, "retained7", "cohort7");

    public MeanInterval? Dwell(CellTally t)
    {
        var n = Count(t.DwellCount);
        if (n == 0) return null;
        var mean = Math.Clamp(t.DwellSum / n, 0, double.MaxValue);
        if (n == 1) return new MeanInterval(1, mean, null, null, null);
        var variance = Math.Max(0, (t.DwellSquares - n * mean * mean) / (n - 1));
        var noise = privacy is null ? 0 : t.Cells * (privacy["dwellSum"].Variance + mean * mean * privacy["dwellCount"].Variance) / ((double)n * n);
        var se = Math.Sqrt(variance / n + noise);
        var t95 = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - confidence) / 2);
        return new MeanInterval(n, mean, se, mean - t95 * se, mean + t95 * se);
    }

    private ProportionInterval? Proportion(double successes, double trials, double cells, string successMeasure, string trialMeasure)
    {
        var n = Count(trials);
        if (n == 0) return null;
        var k = Math.Min(Count(successes), n);
        var wilson = ProportionInterval.Wilson(k, n, confidence);
        if (privacy is null) return wilson;
        var p = (double)k / n;
        var noise = cells * (privacy[successMeasure].Variance + p * p * privacy[trialMeasure].Variance) / ((double)n * n);
        var half = (wilson.High - wilson.Low) / 2;
        var widened = Math.Sqrt(half * half + z * z * noise);
        var centre = (wilson.High + wilson.Low) / 2;
        return wilson with { Low = Math.Max(0, centre - widened), High = Math.Min(1, centre + widened) };
    }

    /// <summary>A (noisy) count as a whole number of at least 0.</summary>
    public static long Count(double value) => value <= 0.5 ? 0 : (long)Math.Round(value);
}
