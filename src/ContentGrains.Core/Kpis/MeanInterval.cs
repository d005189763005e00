using MathNet.Numerics.Distributions;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// A mean with its Student-t interval (mean ± t(n − 1) · s/√n). The t interval rather than the normal one because
/// per-key dwell samples are often small; for large n the two agree. Dwell is skewed, so for a handful of values the
/// interval is approximate; with fewer than two values there is no spread and the interval is null (JSON has no infinity).
/// </summary>
public sealed record MeanInterval(long Count, double Mean, double? StandardError, double? Low, double? High)
{
    public const string Method = "student-t";

    public static MeanInterval Of(RunningMoments moments, double confidence = 0.95)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1)");
        if (moments.Count == 0) throw new ArgumentException("a mean needs at least one value", nameof(moments));
        if (moments.Count == 1) return new MeanInterval(1, moments.Mean, null, null, null);
        var se = Math.Sqrt(moments.Variance / moments.Count);
        var t = StudentT.InvCDF(0, 1, moments.Count - 1, 1 - (1 - confidence) / 2);
        return new MeanInterval(moments.Count, moments.Mean, se, moments.Mean - t * se, moments.Mean + t * se);
    }
}
