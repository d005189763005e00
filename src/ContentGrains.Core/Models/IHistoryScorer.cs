namespace ContentGrains.Core.Models;

/// <summary>
/// A fitted model whose scores for a user depend only on the items that user interacted with, so the live feed can
/// score a user from the history in their grain, including users and events the model never saw in training.
/// For a training user, <c>ScoreHistory(train items of u)</c> gives the same scores as <c>Score(u)</c>, except for models
/// that learn a factor per user (BPR), whose history scores fold the user in instead.
/// </summary>
public interface IHistoryScorer
{
    int ItemCount { get; }

    /// <summary>Writes one score per item (higher is better) for a user whose items are <paramref name="history"/>.</summary>
    void ScoreHistory(ReadOnlySpan<int> history, Span<float> scores);
}
