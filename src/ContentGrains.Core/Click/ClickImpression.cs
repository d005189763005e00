namespace ContentGrains.Core.Click;

/// <summary>
/// One logged impression as the click model sees it: a feature row per candidate shown (row-major,
/// <see cref="ClickFeatures.Count"/> columns) and whether each was clicked (1) or not (0).
/// </summary>
public sealed record ClickImpression(string Id, DateTimeOffset Time, float[] Rows, float[] Labels)
{
    public int CandidateCount => Labels.Length;

    /// <summary>The UTC calendar day of the impression: the unit the MIND split goes by.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Time.UtcDateTime);
}
