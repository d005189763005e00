using ContentGrains.Core.Click;

namespace ContentGrains.Training.Click;

/// <summary>
/// The live trainer's click kind: <see cref="ClickTrainer"/> with <see cref="LiveOptions"/>, exported to ONNX and wrapped
/// as a <see cref="ClickArtifact"/> named by its weights (<see cref="ClickOnnxExport.ContentVersion"/>). Given a tree
/// fitter, the network is blended with boosted trees fitted on the same impressions at <see cref="LiveTreeWeight"/>,
/// standardised over those impressions' rows; the artifact is the one ONNX graph either way.
/// </summary>
public sealed class TorchClickModelTrainer(IClickTreeFitter? trees = null, double treeWeight = TorchClickModelTrainer.LiveTreeWeight) : IClickModelTrainer
{
    /// <summary>
    /// The options the single-seed MIND run chose on its validation day (README.click.md: MLP 16, listwise 1, 4 epochs).
    /// The five-seed MIND run (README.mindauc.md) chose 1 epoch × 5 seeds, within that day's noise of these and no
    /// better on the test day, so a live fit stays one seed at a fifth of the training time. A live job has no
    /// validation split of its own to choose on: its held-out feeds are the gate's.
    /// </summary>
    public static ClickModelOptions LiveOptions { get; } = new() { Hidden = 16, ListwiseWeight = 1, Epochs = 4 };

    /// <summary>The trees' weight in the blend, as chosen on MIND's validation day (README.s11-clickmind.md).</summary>
    public const double LiveTreeWeight = 0.6;

    public ClickFit Fit(IReadOnlyList<ClickImpression> impressions, int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = ClickTrainer.Train(impressions, LiveOptions, seed);
        var weights = trees is null ? result.Weights : ClickTreeBlending.Blend(result.Weights, trees.Fit(impressions, seed), impressions, treeWeight).Weights;
        var version = ClickOnnxExport.ContentVersion(weights);
        var artifact = new ClickArtifact(ClickFeatures.DefinitionVersion, version, ClickOnnxExport.ToBytes(weights, version));
        return new ClickFit(artifact, result.Report.Device, clock.Elapsed.TotalSeconds);
    }
}
