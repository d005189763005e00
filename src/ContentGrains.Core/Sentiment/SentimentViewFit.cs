namespace ContentGrains.Core.Sentiment;

/// <summary>
/// One logistic regression of a view (the sentence vector's or the terms'), fitted at <see cref="L2"/>: its weights and
/// bias. A view of a <see cref="SentimentModel"/> is the mean probability of its fits.
/// </summary>
public sealed record SentimentViewFit(double L2, double[] Weights, double Bias);
