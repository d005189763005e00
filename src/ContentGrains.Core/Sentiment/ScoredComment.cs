namespace ContentGrains.Core.Sentiment;

/// <summary>A comment's time and the classifier's P(positive); it counts as positive from <see cref="Threshold"/> up.</summary>
public sealed record ScoredComment(DateTimeOffset At, double PPositive)
{
    public const double Threshold = 0.5;

    public bool Positive => PPositive >= Threshold;
}
