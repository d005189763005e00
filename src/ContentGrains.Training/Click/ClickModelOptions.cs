namespace ContentGrains.Training.Click;

/// <summary>How a click model is trained: its shape (Hidden = 0 is logistic regression) and Adam's schedule.</summary>
public sealed record ClickModelOptions
{
    public int Hidden { get; init; } = 32;
    public int Epochs { get; init; } = 6;
    /// <summary>Whole impressions per mini-batch (MIND: about 38 candidates each).</summary>
    public int ImpressionsPerBatch { get; init; } = 16;
    /// <summary>Weight of the listwise (per-impression softmax) term beside the log-loss; 0 trains on log-loss alone.</summary>
    public double ListwiseWeight { get; init; } = 1;
    public double LearningRate { get; init; } = 3e-3;
    /// <summary>L2 penalty on the weights (not biases): L2 · Σ w² is added to each batch's mean log-loss.</summary>
    public double L2 { get; init; } = 1e-5;
    public int Threads { get; init; } = 1;
    /// <summary>Models trained from seeds seed, seed + 1, … and merged into one (<see cref="ClickEnsemble"/>).</summary>
    public int Members { get; init; } = 1;

    public void Validate()
    {
        if (Hidden < 0) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "Hidden must be 0 (logistic regression) or more");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1");
        if (ImpressionsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(ImpressionsPerBatch), ImpressionsPerBatch, "ImpressionsPerBatch must be at least 1");
        if (!(ListwiseWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(ListwiseWeight), ListwiseWeight, "ListwiseWeight must be 0 or more");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive");
        if (!(L2 >= 0)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be 0 or more");
        if (Members < 1) throw new ArgumentOutOfRangeException(nameof(Members), Members, "Members must be at least 1");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1");
    }

    /// <summary>"logistic" or "mlp H".</summary>
    public string Shape => (Hidden == 0 ? "logistic" : $"mlp {Hidden}") + (Members > 1 ? $" × {Members} seeds" : "");

    public override string ToString() => $"{Shape}, listwise {ListwiseWeight:0.##}, {Epochs} epochs";
}
