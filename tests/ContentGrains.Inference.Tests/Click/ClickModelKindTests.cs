using ContentGrains.Core.Click;
using ContentGrains.Core.Registry;
using ContentGrains.Inference.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Inference.Tests.Click;

/// <summary>The host's two halves of the click kind together: TorchSharp fits and exports, ONNX Runtime loads and validates.</summary>
public sealed class ClickModelKindTests
{
    /// <summary>Candidates clicked with probability (tag match)², the rest noise.</summary>
    private static List<ClickImpression> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var rows = new float[8 * ClickFeatures.Count];
            var labels = new float[8];
            for (var c = 0; c < 8; c++)
            {
                var match = random.NextSingle();
                ClickFeatures.Write(new ClickSignals { TagMatch = match, Slot = c }, rows.AsSpan(c * ClickFeatures.Count, ClickFeatures.Count));
                labels[c] = random.NextSingle() < match * match ? 1 : 0;
            }
            return new ClickImpression($"{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), rows, labels);
        }).ToList();
    }

    [Fact]
    public void A_fitted_artifact_validates_on_a_silo_and_ranks_by_the_signal()
    {
        var fit = new TorchClickModelTrainer().Fit(Synthetic(300, 1), seed: 3);
        var bytes = fit.Artifact.ToBytes();

        var check = ClickArtifactValidator.Validate(null, bytes, new OnnxClickModelLoader());
        var metrics = ClickTrainingRun.Evaluate(check.Scorer!, Synthetic(150, 2));

        Assert.Null(check.Problem);
        Assert.Equal("cpu", fit.Device);
        Assert.Equal(ClickFeatures.DefinitionVersion, fit.Artifact.FeatureDefinition);
        Assert.Equal(fit.Artifact.ModelVersion, check.Scorer!.Version);
        Assert.StartsWith("click-", fit.Artifact.ModelVersion);
        Assert.True(metrics.GroupAuc > 0.75, $"group AUC {metrics.GroupAuc}");
        Assert.True(metrics.Auc > 0.75, $"AUC {metrics.Auc}");
    }

    [Fact]
    public void Onnx_bytes_that_do_not_load_are_refused_with_the_reason()
    {
        var broken = new ClickArtifact(ClickFeatures.DefinitionVersion, "click-broken", [1, 2, 3]).ToBytes();

        var check = ClickArtifactValidator.Validate(null, broken, new OnnxClickModelLoader());

        Assert.Null(check.Scorer);
        Assert.Contains("not a loadable ONNX model", check.Problem);
    }
}
