namespace ContentGrains.Core.Evaluation;

/// <summary>Writes a score for every item (higher is better) for one user into <paramref name="scores"/>.</summary>
public delegate void UserScorer(int user, Span<float> scores);
