namespace ContentGrains.Training;

/// <summary>
/// Hyperparameters of <see cref="BprModel"/>. The defaults follow RecBole's BPR (embedding 64, batch 2048,
/// Adam with learning rate 1e-3, one uniform negative per positive) where that was also best on ml-100k's validation split.
/// </summary>
public sealed record BprOptions
{
    /// <summary>Length of each user and item factor vector.</summary>
    public int Dimension { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>(user, positive, negative) triples per Adam step.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Weight of the squared L2 norm of the batch's embeddings, divided by the batch size, added to the loss.</summary>
    public double L2 { get; init; }

    /// <summary>Upper bound on passes over the training pairs; without a validation set, exactly this many are run.</summary>
    public int MaxEpochs { get; init; } = 300;

    /// <summary>Epochs between two validation checks.</summary>
    public int EvaluateEvery { get; init; } = 5;

    /// <summary>Validation checks in a row without a better NDCG before training stops.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Cut-off of the validation NDCG used for early stopping.</summary>
    public int ValidationK { get; init; } = 10;

    /// <summary>Threads libtorch may use (process-wide). 1 by default so measured training times are per core.</summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(L2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluateEvery);
        ArgumentOutOfRangeException.ThrowIfNegative(Patience);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ValidationK);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
    }
}
