using ContentGrains.Testing;
using ContentGrains.Core.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Training.Tests.Click;

public sealed class ClickTrainerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Learns_the_signal_that_drives_clicks(int hidden)
    {
        var options = new ClickModelOptions { Hidden = hidden, Epochs = 10 };

        var fitted = ClickTrainer.Train(SyntheticClicks.Impressions(400, seed: 1), options, seed: 7);
        using var scorer = new TorchClickScorer(fitted.Weights, "test");
        var heldOut = ClickMetrics.Of(SyntheticClicks.Impressions(200, seed: 2), scorer.Score, probabilities: true);
        var oracle = ClickMetrics.Of(SyntheticClicks.Impressions(200, seed: 2), SingleSignalScorer.Feature("tag_match").Score, probabilities: false);

        Assert.Equal("cpu", fitted.Report.Device);
        Assert.Equal(4000, fitted.Report.Rows);
        Assert.Equal(hidden, fitted.Weights.Hidden);
        // Ranking by the true signal is the best any model can do; the model comes within 0.02 of it.
        Assert.InRange(heldOut.GroupAuc, oracle.GroupAuc - 0.02, 1.0);
        Assert.True(oracle.GroupAuc > 0.75, $"the synthetic signal is strong: {oracle.GroupAuc}");
        // The mean click rate is E[q²] = 1/3: a calibrated model's log-loss is well under the constant guess's 0.637.
        Assert.InRange(heldOut.LogLoss!.Value, 0.3, 0.6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights()
    {
        var data = SyntheticClicks.Impressions(100, seed: 3);
        var options = new ClickModelOptions { Hidden = 8, Epochs = 2 };

        var a = ClickTrainer.Train(data, options, seed: 11).Weights;
        var b = ClickTrainer.Train(data, options, seed: 11).Weights;
        var c = ClickTrainer.Train(data, options, seed: 12).Weights;

        // Equal up to float rounding: libtorch may sum a gradient in a different order from run to run.
        Assert.All(a.Layers[0].Weight.Zip(b.Layers[0].Weight), w => Assert.Equal(w.First, w.Second, 5));
        Assert.Equal(a.Layers[1].Bias[0], b.Layers[1].Bias[0], 5);
        Assert.Contains(a.Layers[0].Weight.Zip(c.Layers[0].Weight), w => Math.Abs(w.First - w.Second) > 1e-3);
    }

    [Fact]
    public void Selection_picks_the_best_validation_trial_and_never_sees_other_data()
    {
        var candidates = new[] { new ClickModelOptions { Hidden = 0, Epochs = 2 }, new ClickModelOptions { Hidden = 8, Epochs = 2 } };

        var choice = ClickModelSelection.Select(SyntheticClicks.Impressions(200, 4), SyntheticClicks.Impressions(100, 5), candidates, seed: 1);

        Assert.Equal(4, choice.Trials.Count); // two shapes × two epochs
        Assert.Equal(choice.Trials.Max(t => t.Validation.GroupAuc), choice.Trials.Single(t => t.Options == choice.Options).Validation.GroupAuc);
    }

    [Fact]
    public void Bad_options_and_shapes_are_refused_by_name()
    {
        Assert.Contains("Hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new ClickModelOptions { Hidden = -1 }.Validate()).Message);
        Assert.Contains("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new ClickModelOptions { Epochs = 0 }.Validate()).Message);
        var weights = new ClickModelWeights([0f, 0f], [1f, 1f], [new DenseLayer(3, 1, new float[3], [0f])]);
        Assert.Contains("Layers[0].Inputs is 3, expected 2", Assert.Throws<ArgumentException>(weights.Validate).Message);
        Assert.Throws<ArgumentException>(() => ClickTrainer.Train([], new ClickModelOptions(), 1));
    }
}
