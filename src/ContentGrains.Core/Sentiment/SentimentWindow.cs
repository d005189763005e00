namespace ContentGrains.Core.Sentiment;

/// <summary>One item's scored comments in one time window: how many were positive and negative.</summary>
public sealed record SentimentWindow(DateTimeOffset Start, int Positive, int Negative)
{
    public int Total => Positive + Negative;
}
