namespace ContentGrains.Core.Experiments;

/// <summary>
/// A ratio metric (<see cref="RatioMetric"/>) per arm and each arm against the control. The estimate is R_arm − R_control
/// with variance Var(R_arm) + Var(R_control) by the delta method (the arms are independent); the fixed-horizon interval
/// is normal (the delta method is a large-sample result) and the sequential one is the same confidence sequence the
/// means use, fed the delta-method standard error.
/// CUPED for a ratio works on the linearised values L = (Y − R X) / X̄ (<see cref="DeltaMethod"/>): each arm's L has mean 0
/// and the variance of its mean is Var(R), so adjusting L with the pre-exposure covariate c, L' = L − θ(c − c̄) with θ pooled
/// over the arms, gives R' = R + mean(L') = R − θ(c̄_arm − c̄) and its variance Var(mean L'), to first order: the same
/// reduction 1 − ρ²(L, c) the means get. When the primary metric is the ratio, c is the person's linearised
/// pre-exposure ratio (<see cref="ExperimentAnalysis"/>).
/// </summary>
internal static class RatioComparison
{
    /// <summary>Each arm's estimate: numerators and denominators of its persons (from <see cref="Participant.Totals"/>).</summary>
    public static RatioEstimate[] Estimates(MetricDefinition metric, Participant[][] groups)
    {
        var denominator = RatioMetric.DenominatorKey(metric.Name);
        return groups.Select(g => DeltaMethod.Of(
            g.Select(p => p.Total(metric.Name)).ToArray(), g.Select(p => p.Total(denominator)).ToArray())).ToArray();
    }

    /// <summary>One arm's KPI: R with a normal 95% interval from the delta-method variance.</summary>
    public static IntervalEstimate Kpi(RatioEstimate estimate) =>
        FixedHorizonTest.Normal(estimate.Ratio, Math.Sqrt(estimate.Variance), 0.05) with { PValue = null };

    public static IEnumerable<MetricComparison> Compare(
        MetricDefinition metric, RatioEstimate[] arms, double[][] covariate, double meanCovariate, double alpha,
        Func<IntervalEstimate, IntervalEstimate> sequential, IReadOnlyList<ArmDefinition> definitions)
    {
        var theta = Cuped.Theta(arms.SelectMany(a => a.Linearised).ToArray(), covariate.SelectMany(c => c).ToArray());
        var control = arms[0];
        var controlCuped = SampleMoments.Of(Cuped.Adjust(control.Linearised, covariate[0], theta, meanCovariate));
        for (var a = 1; a < arms.Length; a++)
        {
            var arm = arms[a];
            var difference = arm.Ratio - control.Ratio;
            var rawVariance = arm.Variance + control.Variance;
            var raw = FixedHorizonTest.Normal(difference, Math.Sqrt(rawVariance), alpha);
            var armCuped = SampleMoments.Of(Cuped.Adjust(arm.Linearised, covariate[a], theta, meanCovariate));
            var cupedVariance = armCuped.MeanVariance + controlCuped.MeanVariance;
            var cuped = FixedHorizonTest.Normal(difference + armCuped.Mean - controlCuped.Mean, Math.Sqrt(cupedVariance), alpha);
            var reduction = rawVariance > 0 && double.IsFinite(rawVariance) && double.IsFinite(cupedVariance) ? 1 - cupedVariance / rawVariance : 0;
            yield return new MetricComparison(
                definitions[a].Name, metric.Name, metric.Guardrail, control.Ratio, arm.Ratio,
                control.Ratio != 0 ? difference / control.Ratio : null,
                raw, sequential(raw), cuped, sequential(cuped), theta, reduction);
        }
    }
}
