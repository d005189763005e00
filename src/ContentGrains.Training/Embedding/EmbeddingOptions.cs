namespace ContentGrains.Training.Embedding;

/// <summary>
/// Hyperparameters of the embedding model's trainer (<see cref="EmbeddingTrainer"/>), chosen on RecBole's given
/// ml-100k split (validation NDCG@10; for <see cref="TextL2"/> also Recall@20 of 10 % cold items against content
/// TF-IDF's 0.376). Validation / test NDCG@10 (cold Recall@20): target fraction 0.2 0.221 / 0.265, 0.5 0.236 / 0.291,
/// 0.7 0.244 / 0.296 (0.5 with each user's inputs masked out of their softmax: 0.249 / 0.305, cold 0.359); then
/// L2 1e-2 0.257 / 0.307 (cold 0.376), TextL2 1e-4 0.252 / 0.308 (cold 0.390), 3e-4 0.250 / 0.300 (cold 0.424),
/// 1e-3 0.245 / 0.291 (cold 0.431). Id dropout 0.1 0.252 / 0.313, 0.3 0.249 / 0.305, 0.5 (cold 0.336, worse);
/// dimensions 128 0.241 / 0.289; lr 2e-3 0.249 / 0.301, 1e-2 0.208 / 0.254. Without text vectors: cold 0.268.
/// </summary>
public sealed record EmbeddingOptions
{
    /// <summary>Length of every item, tag and user vector.</summary>
    public int Dimensions { get; init; } = 64;

    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Users per Adam step.</summary>
    public int BatchUsers { get; init; } = 64;

    /// <summary>
    /// Share of a user's training items held out as targets in each epoch (at least one); the user vector pools the
    /// rest, so the model learns to predict items the history does not contain, as the feed must.
    /// </summary>
    public double TargetFraction { get; init; } = 0.5;

    /// <summary>
    /// Chance that an item's id vector is dropped in a training step, leaving only its tags and text: this is what
    /// makes the metadata part carry signal for items no one has touched.
    /// </summary>
    public double IdDropout { get; init; } = 0.3;

    /// <summary>Weight of the mean squared norm of the batch's user and candidate item vectors (keeps the softmax's scale in check).</summary>
    public double L2 { get; init; } = 1e-2;

    /// <summary>
    /// Weight of the squared norm of both text projections, added to every step's loss: without it the projection
    /// learns to tell items apart by their text (a second id) instead of what their text says, which cold items need.
    /// </summary>
    public double TextL2 { get; init; } = 1e-4;

    /// <summary>
    /// Catalogs with at most this many trained items are scored against every item (a full softmax); larger ones
    /// against the batch's targets plus this many items drawn uniformly (a sampled softmax).
    /// </summary>
    public int SoftmaxItems { get; init; } = 8192;

    /// <summary>
    /// The run's training budget in user examples (one user split into inputs and targets in one step): training
    /// stops when this many have been trained, even mid-epoch, so the last epoch covers a uniform sample of the users.
    /// It bounds a run on a large log (1M people × 80 epochs would be 80M examples); a small data set never reaches
    /// the default (ml-100k: about 83,000 examples to its early stop).
    /// </summary>
    public long ExampleBudget { get; init; } = long.MaxValue;

    /// <summary>Upper bound on epochs; without a validation set, exactly this many are run.</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Epochs between two validation checks.</summary>
    public int EvaluateEvery { get; init; } = 2;

    /// <summary>Validation checks in a row without a better NDCG@10 that training tolerates; the next one stops it.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Threads libtorch may use (process-wide). 1 by default so measured training times are per core.</summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchUsers);
        if (TargetFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(TargetFraction), TargetFraction, "TargetFraction must be in (0, 1)");
        if (IdDropout is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(IdDropout), IdDropout, "IdDropout must be in [0, 1)");
        ArgumentOutOfRangeException.ThrowIfNegative(L2);
        ArgumentOutOfRangeException.ThrowIfNegative(TextL2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SoftmaxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExampleBudget);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluateEvery);
        ArgumentOutOfRangeException.ThrowIfNegative(Patience);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
    }
}
