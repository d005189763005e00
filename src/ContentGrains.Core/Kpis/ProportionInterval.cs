using MathNet.Numerics.Distributions;

namespace ContentGrains.Core.Kpis;

/// <summary>
/// A proportion (successes of trials) with its Wilson score interval. Wilson, not the normal (Wald) interval, because
/// KPIs are often small rates on few trials, where Wald's interval leaves [0, 1] and covers far less than it claims;
/// Wilson's stays inside [0, 1] and is never empty at 0 or 1 successes.
/// </summary>
public sealed record ProportionInterval(long Successes, long Trials, double Value, double Low, double High)
{
    public const string Method = "wilson";

    public static ProportionInterval Wilson(long successes, long trials, double confidence = 0.95)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be 0 or more");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must lie in [0, trials = {trials}]");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1)");
        if (trials == 0) return new ProportionInterval(0, 0, 0, 0, 1); // no trials: nothing known, the whole range
        var z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        var n = (double)trials;
        var p = successes / n;
        var z2n = z * z / n;
        var centre = (p + z2n / 2) / (1 + z2n);
        var half = z / (1 + z2n) * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        // At 0 (or all) successes the bound is 0 (or 1) exactly; the formula leaves rounding dust there.
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new ProportionInterval(successes, trials, p, low, high);
    }
}
