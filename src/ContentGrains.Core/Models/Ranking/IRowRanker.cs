namespace ContentGrains.Core.Models.Ranking;

/// <summary>
/// A learned order of candidate rows (higher ranks first). The hybrid holds its ranker through this, so a ranker fitted
/// outside Core (LightGBM's lambdarank in ContentGrains.Analysis, measured against the hand-written one) can stand in.
/// </summary>
public interface IRowRanker
{
    int FeatureCount { get; }

    float Predict(ReadOnlySpan<float> row);
}
