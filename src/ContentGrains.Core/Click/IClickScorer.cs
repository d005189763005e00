namespace ContentGrains.Core.Click;

/// <summary>
/// Scores feature rows (<see cref="ClickFeatures"/>) with P(engaged). The live ranker and the offline evaluation
/// both go through it, so what is measured offline is what serves.
/// </summary>
public interface IClickScorer
{
    /// <summary>Which model this is (the version that served a feed).</summary>
    string Version { get; }

    /// <summary>One probability per row; <paramref name="rows"/> is rows × <see cref="ClickFeatures.Count"/>, row-major.</summary>
    float[] Score(float[] rows);
}
