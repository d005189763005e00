namespace ContentGrains.Core.Experiments;

/// <summary>
/// Turns an experiment's participants into its report: per-arm KPIs with intervals, every treatment arm against the
/// control on every metric (fixed-horizon and sequential, raw and CUPED), the sample-ratio check, and the decision
/// (<see cref="ExperimentDecider"/>). A person's value of a metric is their total since exposure (0 when they never
/// recorded it): people exposed but inactive count, so an arm that drives people away is not flattered.
/// </summary>
public sealed class ExperimentAnalysis(ExperimentDesign design)
{
    public ExperimentReport Analyze(IReadOnlyCollection<Participant> participants)
    {
        var arms = design.Arms;
        var groups = arms.Select(a => participants.Where(p => p.Arm == a.Name).ToArray()).ToArray();
        var counts = groups.Select(g => (long)g.Length).ToArray();
        var total = counts.Sum();
        var srm = SampleRatioTest.Check(counts, arms.Select(a => a.Weight).ToArray(), design.SrmAlpha);
        var alpha = design.Alpha / (arms.Count - 1);
        var (pre, meanPre) = Covariates(participants, groups);

        var armResults = new List<ArmResult>(arms.Count);
        var comparisons = new List<MetricComparison>();
        var values = new double[arms.Count][];
        var armMetrics = arms.Select(_ => new List<ArmMetric>()).ToArray();
        foreach (var metric in design.Metrics)
        {
            if (metric.Kind == MetricKind.Ratio)
            {
                var ratios = RatioComparison.Estimates(metric, groups);
                for (var a = 0; a < arms.Count; a++) armMetrics[a].Add(new ArmMetric(metric.Name, RatioComparison.Kpi(ratios[a])));
                comparisons.AddRange(RatioComparison.Compare(metric, ratios, pre, meanPre, alpha, i => Sequential(i, total, alpha), arms));
                continue;
            }
            for (var a = 0; a < arms.Count; a++)
            {
                values[a] = groups[a].Select(p => Value(metric, p)).ToArray();
                armMetrics[a].Add(new ArmMetric(metric.Name, KpiInterval(metric.Kind, SampleMoments.Of(values[a]))));
            }
            comparisons.AddRange(Compare(metric, values, pre, meanPre, total, alpha));
        }
        var weightSum = arms.Sum(a => a.Weight);
        for (var a = 0; a < arms.Count; a++)
            armResults.Add(new ArmResult(arms[a].Name, counts[a], arms[a].Weight / weightSum, total > 0 ? (double)counts[a] / total : 0, armMetrics[a]));

        var cupedApplied = participants.Any(p => p.PreExposure is not null);
        var decision = new ExperimentDecider(design).Decide(counts, srm, comparisons, cupedApplied);
        return new ExperimentReport(total, alpha, armResults, comparisons, srm, cupedApplied, decision);
    }

    /// <summary>
    /// Each person's CUPED covariate, per arm, and its pooled mean. Usually the pre-exposure value (the pooled mean for a
    /// person without one). When the primary metric is a ratio, the person's linearised pre-exposure ratio
    /// (c − R_pre d) / d̄ with R_pre = Σc / Σd pooled over everyone (it does not depend on the arm): the pre-period
    /// counterpart of the linearised values <see cref="RatioComparison"/> adjusts.
    /// </summary>
    private static (double[][] Covariate, double Mean) Covariates(IReadOnlyCollection<Participant> participants, Participant[][] groups)
    {
        var withPre = participants.Where(p => p.PreExposure is not null).ToArray();
        var meanPre = withPre.Length > 0 ? withPre.Average(p => p.PreExposure!.Value) : 0;
        var sumDenominator = participants.Sum(p => p.PreExposureDenominator ?? 0);
        if (!participants.Any(p => p.PreExposureDenominator is not null) || sumDenominator <= 0)
            return (groups.Select(g => g.Select(p => p.PreExposure ?? meanPre).ToArray()).ToArray(), meanPre);
        var preRatio = participants.Sum(p => p.PreExposure ?? 0) / sumDenominator;
        var meanDenominator = sumDenominator / participants.Count;
        var covariate = groups.Select(g => g.Select(p => ((p.PreExposure ?? 0) - preRatio * (p.PreExposureDenominator ?? 0)) / meanDenominator).ToArray()).ToArray();
        var all = covariate.SelectMany(c => c).ToArray();
        return (covariate, all.Length > 0 ? all.Average() : 0);
    }

    private static double Value(MetricDefinition metric, Participant participant)
    {
        var total = participant.Total(metric.Name);
        return metric.Kind == MetricKind.Proportion ? (total > 0 ? 1 : 0) : total;
    }

    /// <summary>The interval of one arm's KPI: normal, with the mean's standard error (p(1 − p)/n for a proportion).</summary>
    private static IntervalEstimate KpiInterval(MetricKind kind, SampleMoments sample)
    {
        if (sample.Count == 0) return new IntervalEstimate(0, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
        var variance = kind == MetricKind.Proportion ? sample.Mean * (1 - sample.Mean) / sample.Count : sample.MeanVariance;
        var interval = FixedHorizonTest.Normal(sample.Mean, Math.Sqrt(variance), 0.05);
        return interval with { PValue = null };
    }

    private IEnumerable<MetricComparison> Compare(MetricDefinition metric, double[][] values, double[][] pre, double meanPre, long total, double alpha)
    {
        var theta = Cuped.Theta(values.SelectMany(v => v).ToArray(), pre.SelectMany(x => x).ToArray());
        var control = SampleMoments.Of(values[0]);
        var controlCuped = SampleMoments.Of(Cuped.Adjust(values[0], pre[0], theta, meanPre));
        for (var a = 1; a < values.Length; a++)
        {
            var treatment = SampleMoments.Of(values[a]);
            var treatmentCuped = SampleMoments.Of(Cuped.Adjust(values[a], pre[a], theta, meanPre));
            var raw = FixedHorizonTest.Compare(control, treatment, metric.Kind, alpha);
            // After adjustment the values are no longer 0/1: both kinds compare the adjusted means (Welch).
            var cuped = FixedHorizonTest.Compare(controlCuped, treatmentCuped, MetricKind.Mean, alpha);
            var rawMeanVariance = control.MeanVariance + treatment.MeanVariance;
            var reduction = rawMeanVariance > 0 && !double.IsInfinity(rawMeanVariance)
                ? 1 - (controlCuped.MeanVariance + treatmentCuped.MeanVariance) / rawMeanVariance : 0;
            yield return new MetricComparison(
                design.Arms[a].Name, metric.Name, metric.Guardrail, control.Mean, treatment.Mean,
                control.Mean != 0 ? (treatment.Mean - control.Mean) / control.Mean : null,
                raw, Sequential(raw, total, alpha), cuped, Sequential(cuped, total, alpha), theta, reduction);
        }
    }

    private IntervalEstimate Sequential(IntervalEstimate fixedInterval, long total, double alpha) =>
        ConfidenceSequence.Interval(fixedInterval.Estimate, fixedInterval.StandardError, total, alpha, design.SequentialTuningPersons);
}
