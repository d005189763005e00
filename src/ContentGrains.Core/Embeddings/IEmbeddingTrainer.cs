using ContentGrains.Core.Data;

namespace ContentGrains.Core.Embeddings;

/// <summary>
/// Learns <see cref="EmbeddingTowers"/> from interactions (ContentGrains.Training does it with TorchSharp), stopping
/// early on <c>validation</c> when there is one.
/// </summary>
public interface IEmbeddingTrainer
{
    (EmbeddingTowers Towers, EmbeddingFitReport Report) Train(InteractionSet train, ItemMetadata metadata, InteractionSet? validation);
}
