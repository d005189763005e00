namespace ContentGrains.Training.Click;

/// <summary>How a click model is trained: its shape (Hidden = 0 is logistic regression) and Adam's schedule.</summary>
public sealed record ClickModelOptions
{
    public int Hidden { get; init; } = 32;
    public int Epochs { get; init; } = 6;
    public int BatchSize { get; init; } = 512;
    public double LearningRate { get; init; } = 3e-3;
    /// <summary>L2 penalty on the weights (not biases): L2 · Σ w² is added to each batch's mean log-loss.</summary>
    public double L2 { get; init; } = 1e-5;
    public int Threads { get; init; } = 1;

    public void Validate()
    {
        if (Hidden < 0) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "Hidden must be 0 (logistic regression) or more");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive");
        if (!(L2 >= 0)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be 0 or more");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be at least 1");
    }

    public override string ToString() => Hidden == 0 ? $"logistic, {Epochs} epochs" : $"mlp {Hidden}, {Epochs} epochs";
}
