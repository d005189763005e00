using ContentGrains.Core.Data;

namespace ContentGrains.Core.Models;

/// <summary>A model that learns from implicit interactions and scores every item for a user.</summary>
public interface IRecommenderModel
{
    void Fit(InteractionSet train);

    /// <summary>Writes one score per item (higher is better); <paramref name="scores"/> has one slot per item.</summary>
    void Score(int user, Span<float> scores);
}
