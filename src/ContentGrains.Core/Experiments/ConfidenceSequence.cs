namespace ContentGrains.Core.Experiments;

/// <summary>
/// The asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas ("Time-uniform central limit
/// theory and asymptotic confidence sequences", 2021, building on Howard et al. 2021), as GrowthBook and Eppo use it:
/// with N persons (all arms) and σ² = N × se² the per-person variance of the difference, the interval is
/// estimate ± σ √(2(Nρ² + 1) / (N²ρ²) × ln(√(Nρ² + 1) / α)). It covers the true effect at every N at once with
/// probability 1 − α (asymptotically), so it may be looked at after every person and stopped at any time.
/// ρ² = (−2 ln α + ln(−2 ln α + 1)) / N* makes it tightest at the chosen N* (GrowthBook's tuning parameter).
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>ρ² that minimises the width at <paramref name="tuningPersons"/> persons.</summary>
    public static double Rho2(double alpha, long tuningPersons)
    {
        var l = -2 * Math.Log(alpha);
        return (l + Math.Log(l + 1)) / tuningPersons;
    }

    /// <summary>The margin for a unit-variance mean of <paramref name="persons"/> observations.</summary>
    public static double UnitMargin(long persons, double alpha, long tuningPersons)
    {
        var rho2 = Rho2(alpha, tuningPersons);
        var nr = persons * rho2;
        return Math.Sqrt(2 * (nr + 1) / ((double)persons * persons * rho2) * Math.Log(Math.Sqrt(nr + 1) / alpha));
    }

    /// <summary>The always-valid interval for an estimate with standard error <paramref name="se"/> from <paramref name="persons"/> persons.</summary>
    public static IntervalEstimate Interval(double estimate, double se, long persons, double alpha, long tuningPersons)
    {
        if (persons < 2 || !(se > 0) || double.IsInfinity(se))
            return new IntervalEstimate(estimate, se, double.NegativeInfinity, double.PositiveInfinity);
        var sigma = se * Math.Sqrt(persons);
        var half = sigma * UnitMargin(persons, alpha, tuningPersons);
        return new IntervalEstimate(estimate, se, estimate - half, estimate + half);
    }
}
