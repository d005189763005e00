namespace ContentGrains.Core.Reports;

/// <summary>A value with its interval and the count behind it (impressions for CTR, dwell values for dwell).</summary>
public sealed record Evidence(double Value, double Low, double High, long Count);

/// <summary>
/// A plain-language finding with its evidence: for <see cref="Segment"/>, the group of cells (<see cref="Where"/>: axis →
/// value) does better ("wins") or worse ("trails") on <see cref="Measure"/> than the segment's other traffic, with both
/// intervals at <see cref="Confidence"/> (the family-wise level after Bonferroni) not overlapping.
/// </summary>
public sealed record Finding(
    string Text,
    string Segment,
    IReadOnlyDictionary<string, string> Where,
    string Measure,
    string Direction,
    Evidence Group,
    Evidence Rest,
    double Lift,
    double Confidence);

/// <summary>How findings were chosen: how many comparisons were tested, at what family-wise error, and how many held.</summary>
public sealed record FindingsMethod(int Comparisons, double Alpha, double Confidence, long MinImpressions, long MinDwells, int Found, int Shown, string Rule);
