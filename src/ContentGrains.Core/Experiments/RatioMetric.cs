namespace ContentGrains.Core.Experiments;

/// <summary>
/// A metric whose unit of analysis is finer than the person: the ratio of two per-person sums measured from the event log,
/// pooled over an arm. CTR = clicks / impressions is Σ clicks / Σ impressions over the arm's persons, not the mean of each
/// person's CTR. The person is the randomisation unit, so the impressions of one person are not independent and the
/// binomial variance p(1 − p)/Σ impressions understates the spread; <see cref="DeltaMethod"/> gives the right one.
/// Stored in the experiment's snapshot, so the property names are part of the stored format.
/// </summary>
public sealed record RatioMetric(EventMetric Numerator, EventMetric Denominator)
{
    /// <summary>
    /// Where a measured participant's denominator sits in <see cref="Participant.Totals"/> (the numerator sits under the
    /// metric's own name). '/' cannot appear in a metric name, so it never collides with another metric.
    /// </summary>
    public static string DenominatorKey(string metric) => metric + "/denominator";

    /// <summary>Every problem, each naming the field (under <paramref name="field"/>) and the reason.</summary>
    public IEnumerable<(string Field, string Reason)> Problems(string field)
    {
        if (Numerator is null) yield return ($"{field}.numerator", "is required (an event metric: types, minDwellSeconds, value)");
        else foreach (var p in Numerator.Problems($"{field}.numerator")) yield return p;
        if (Denominator is null) yield return ($"{field}.denominator", "is required (an event metric: types, minDwellSeconds, value)");
        else foreach (var p in Denominator.Problems($"{field}.denominator")) yield return p;
    }
}
