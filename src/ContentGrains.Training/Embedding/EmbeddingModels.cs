using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Models;

namespace ContentGrains.Training.Embedding;

/// <summary>Embedding models trained by <see cref="EmbeddingTrainer"/> over a <see cref="ModelContext"/>.</summary>
public static class EmbeddingModels
{
    /// <summary>
    /// A model over the context's items: tags and text from its item file (text encoded by its
    /// <see cref="ModelContext.TextEncoder"/>, when it has one), early stopping on its validation set, seeded with its seed.
    /// </summary>
    public static EmbeddingModel For(ModelContext context, EmbeddingOptions? options = null) =>
        new(new EmbeddingTrainer(options, context.Seed), ItemMetadata.From(context), context.Validation);
}
