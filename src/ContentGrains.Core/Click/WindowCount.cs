namespace ContentGrains.Core.Click;

/// <summary>An item's impressions and clicks over one window of <see cref="RecentWindows"/> (decayed counts are fractional).</summary>
public readonly record struct WindowCount(double Impressions, double Clicks);
