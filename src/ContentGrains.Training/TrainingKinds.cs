using ContentGrains.Core.Embeddings;
using ContentGrains.Core.Live;
using ContentGrains.Core.Models;
using ContentGrains.Core.Text;
using ContentGrains.Training.Embedding;

namespace ContentGrains.Training;

/// <summary>
/// Makes this assembly's models live kinds: the silo's trainer can train them (<see cref="LiveModelTrainer"/>) and
/// every silo can load what it published (<see cref="ModelFormats"/>). Called once at start-up by the host; calling
/// it again changes nothing.
/// </summary>
public static class TrainingKinds
{
    /// <param name="textEncoder">Encodes item text for the embedding kind when the item side file has a text column
    /// (<see cref="ItemMetadata.TextFields"/>); null trains it on ids and tags only.</param>
    /// <param name="embeddingEpochs">Epochs of the live embedding kind; null keeps <see cref="EmbeddingLiveOptions"/>'.
    /// Benchmarks that measure serving at scale set a few, as 80 epochs on a million events take hours on one core.</param>
    public static void Register(ITextEncoder? textEncoder = null, int? embeddingEpochs = null)
    {
        if (embeddingEpochs is < 1) throw new ArgumentOutOfRangeException(nameof(embeddingEpochs), embeddingEpochs, "embeddingEpochs must be at least 1");
        var embedding = embeddingEpochs is { } epochs ? EmbeddingLiveOptions with { MaxEpochs = epochs } : EmbeddingLiveOptions;
        // Live there is no validation set: BprModel.For trains BprOptions.MaxEpochs epochs (see LiveEpochs).
        LiveModelTrainer.Register(BprModel.KindName, context => BprModel.For(context, LiveOptions));
        ModelFormats.Register(BprModel.KindName, reader => BprModel.Load(reader));
        // The embedding model scores on plain arrays, so Core loads it; only training needs this assembly.
        LiveModelTrainer.Register(EmbeddingModel.KindName, context =>
            EmbeddingModels.For(context with { TextEncoder = context.TextEncoder ?? textEncoder }, embedding));
    }

    /// <summary>
    /// The embedding model for the live trainer, which has no validation set: a fixed epoch count, about where early
    /// stopping ends on MovieLens-100k (best validation epoch 76 of the default options), within a budget of
    /// <see cref="LiveExampleBudget"/> user examples, so a log of a million people trains about 1.5 passes instead of 80.
    /// </summary>
    public static EmbeddingOptions EmbeddingLiveOptions { get; } = new() { MaxEpochs = 80, ExampleBudget = LiveExampleBudget };

    /// <summary>
    /// Measured in bench/scale (64 users per step, 8,192 shared candidates, one thread, CPU time on a loaded machine):
    /// 0.41 ms of one core per user example at 100,000 items and 0.55 ms at 1,000,000. 1.5M examples are then 10-14
    /// minutes of one core, inside the 20-minute target on a 2-core trainer with room for reading the log and
    /// evaluating. MovieLens-100k's 80 epochs are 75,000 examples, far below it.
    /// </summary>
    public const long LiveExampleBudget = 1_500_000;

    /// <summary>
    /// BPR for the live trainer, which has no validation set to stop on: a fixed epoch count, about where early
    /// stopping ends on MovieLens-100k (best validation epoch 100 of the default options).
    /// </summary>
    public static BprOptions LiveOptions { get; } = new() { MaxEpochs = LiveEpochs };

    public const int LiveEpochs = 100;
}
