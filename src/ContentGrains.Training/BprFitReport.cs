namespace ContentGrains.Training;

/// <summary>
/// What one <see cref="BprModel.Fit"/> did: epochs run, the epoch whose weights were kept, and that epoch's
/// validation NDCG (NaN when there was no validation set, in which case the last epoch is kept).
/// <see cref="ProcessorTime"/> is the process's CPU time over the fit: on a shared machine it says what the fit
/// costs better than <see cref="Elapsed"/> (it also counts the runtime's own threads, e.g. the garbage collector).
/// </summary>
public sealed record BprFitReport(int EpochsRun, int BestEpoch, double BestValidationNdcg, TimeSpan Elapsed, TimeSpan ProcessorTime);
