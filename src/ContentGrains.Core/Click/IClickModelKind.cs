namespace ContentGrains.Core.Click;

/// <summary>What one click-model fit gives: the artifact, where it was trained and how long it took.</summary>
public sealed record ClickFit(ClickArtifact Artifact, string Device, double Seconds);

/// <summary>
/// Trains click models (TorchSharp, in ContentGrains.Training) and loads them for scoring (ONNX Runtime, in
/// ContentGrains.Inference): the host registers both halves, so Core runs the job, the gate and the swap without
/// native libraries.
/// </summary>
public interface IClickModelTrainer
{
    ClickFit Fit(IReadOnlyList<ClickImpression> impressions, int seed);
}

/// <inheritdoc cref="IClickModelTrainer"/>
public interface IClickModelLoader
{
    /// <summary>A scorer for the artifact; <see cref="InvalidDataException"/> when it cannot serve this silo's rows.</summary>
    IClickScorer Load(ClickArtifact artifact);
}
