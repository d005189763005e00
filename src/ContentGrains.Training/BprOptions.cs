namespace ContentGrains.Training;

/// <summary>
/// Hyperparameters of <see cref="BprModel"/>. Embedding 64, batch 2048 and one uniform negative per positive are
/// RecBole's BPR. Learning rate and L2 were tuned on the validation NDCG@10 of RecBole's ml-100k split: RecBole's
/// lr 1e-3 without L2 stopped at validation 0.228 (test 0.284, below RecBole's 0.2928); lr 2e-3 with L2 0.01 reached
/// validation 0.242 (test 0.302) in about 100 epochs. Neighbours on validation: (lr 3e-3, L2 0.01) 0.243, the same
/// within noise; (1e-3, 0.01) 0.240 but after 170 epochs; (2e-3, 0.005) 0.236; (2e-3, 0.015) 0.230; (2e-3, 0.02) 0.214.
/// </summary>
public sealed record BprOptions
{
    /// <summary>Length of each user and item factor vector.</summary>
    public int Dimension { get; init; } = 64;

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>(user, positive, negative) triples per Adam step.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Weight of the squared L2 norm of the batch's embeddings, divided by the batch size, added to the loss.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Upper bound on passes over the training pairs; without a validation set, exactly this many are run.</summary>
    public int MaxEpochs { get; init; } = 300;

    /// <summary>Epochs between two validation checks.</summary>
    public int EvaluateEvery { get; init; } = 5;

    /// <summary>
    /// Validation checks in a row without a better NDCG that training tolerates; the next one stops it
    /// (RecBole's <c>stopping_step</c>, counted in checks).
    /// </summary>
    public int Patience { get; init; } = 3;

    /// <summary>Cut-off of the validation NDCG used for early stopping.</summary>
    public int ValidationK { get; init; } = 10;

    /// <summary>
    /// Confidence α of a history item when <see cref="BprModel.ScoreHistory"/> folds a user in (implicit-ALS weighted
    /// least squares against the fixed item factors: (QᵀQ + α Σ_H q qᵀ + λI) u = (1 + α) Σ_H q). Chosen with
    /// <see cref="FoldInRegularization"/> on the validation NDCG@10 of RecBole's ml-100k split, every user folded in
    /// from their training items (learned user factors: 0.2423). λ is what matters: at α 3, λ (in mean eigenvalues)
    /// 1 → 0.176, 16 → 0.222, 64 → 0.231, 128 → 0.232, 256 → 0.231, 10⁴ (about the plain sum of the history's item
    /// factors) → 0.229; at λ 128, α 0 → 0.2323 and α 30 → 0.2310. A few full-gradient BPR steps against every
    /// non-history item reached 0.239 but cost milliseconds per user; sampled negatives would make it noisy.
    /// </summary>
    public double FoldInAlpha { get; init; } = 3;

    /// <summary>
    /// Ridge λ of the fold-in as a multiple of trace(QᵀQ)/k, the mean eigenvalue of the item Gram matrix, so the
    /// setting does not depend on the scale of the factors. Strong: the fold-in is close to the sum of the history's
    /// item factors, lightly whitened by QᵀQ.
    /// </summary>
    public double FoldInRegularization { get; init; } = 128;

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
        ArgumentOutOfRangeException.ThrowIfNegative(FoldInAlpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FoldInRegularization);
    }
}
