namespace ContentGrains.Training;

/// <summary>
/// What one <see cref="BprModel.Fit"/> did: epochs run, the epoch whose weights were kept, and that epoch's
/// validation NDCG (NaN when there was no validation set, in which case the last epoch is kept).
/// </summary>
public sealed record BprFitReport(int EpochsRun, int BestEpoch, double BestValidationNdcg, TimeSpan Elapsed);
