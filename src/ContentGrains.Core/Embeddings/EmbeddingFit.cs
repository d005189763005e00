using ContentGrains.Core.Data;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// What one training run of <see cref="EmbeddingModel"/> did: epochs run, the epoch whose weights were kept, that
/// epoch's validation NDCG@10 (NaN without a validation set), wall and processor time, and the device it ran on
/// ("cpu" or "cuda").
/// </summary>
public sealed record EmbeddingFitReport(int EpochsRun, int BestEpoch, double BestValidationNdcg, TimeSpan Elapsed, TimeSpan ProcessorTime, string Device);

/// <summary>The learned towers: the input tower pools a user's history, the output tower gives the retrieved vectors.</summary>
public sealed record EmbeddingTowers(EmbeddingTower Input, EmbeddingTower Output)
{
    public int Dimensions => Output.Dimensions;
}

/// <summary>Learns <see cref="EmbeddingTowers"/> from interactions (ContentGrains.Training does it with TorchSharp).</summary>
public interface IEmbeddingTrainer
{
    (EmbeddingTowers Towers, EmbeddingFitReport Report) Train(InteractionSet train, ItemMetadata metadata, InteractionSet? validation);
}
