namespace ContentGrains.Core.Feed;

/// <summary>
/// How the feed uses each item's quality (<see cref="Catalog.ItemQuality"/>: clicks over expected clicks at the
/// platform's per-slot rates). Bound from "ContentGrains:Engine:Feed:Quality". Weight 0 and Candidates 0 turn it off.
/// </summary>
public sealed record ItemQualitySettings
{
    /// <summary>The weighted ranking's quality part (log quality / log 4, in [-1, 1]) is added with this weight.</summary>
    public double Weight { get; init; } = 1.0;
    /// <summary>
    /// A click model's P(engaged) is multiplied by quality to this power. Below 1: the click model already reads the
    /// item's CTR windows (with the slot and audience left in), so part of the quality is in its probability already.
    /// </summary>
    public double ClickExponent { get; init; } = 0.5;
    /// <summary>The best-quality items offered as candidates beside trending and fresh ones.</summary>
    public int Candidates { get; init; } = 50;
}
