namespace ContentGrains.Core.Embeddings;

/// <summary>
/// What one training run of <see cref="EmbeddingModel"/> did: epochs run, the epoch whose weights were kept, that
/// epoch's validation NDCG@10 (NaN without a validation set), wall and processor time, and the device it ran on
/// ("cpu" or "cuda"), the user examples trained (at most the options' budget) and whether the id tables were updated
/// row by row (large catalogs).
/// </summary>
public sealed record EmbeddingFitReport(int EpochsRun, int BestEpoch, double BestValidationNdcg, TimeSpan Elapsed, TimeSpan ProcessorTime, string Device,
    long ExamplesTrained = 0, bool RowUpdates = false);
