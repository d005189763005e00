using System.Text.Json.Nodes;
using ContentGrains.Analysis.Click;
using ContentGrains.Core.Click;
using ContentGrains.Training.Click;

namespace ContentGrains.Cli;

/// <summary>
/// The boosted half of `evaluate --format mind`: the LightGBM grid tried on the validation day beside the chosen MLP
/// (<see cref="ClickTreeSelection"/>), and the final blend refitted on every training day and folded into the MLP's
/// weights (<see cref="ClickModelWeights.Blend"/>), so the one ONNX graph scores both.
/// </summary>
internal static class MindTreeBlend
{
    /// <summary>
    /// Objectives × leaves × learning rates, each fitted once at the largest of <see cref="TreeCounts"/>. A first, wider
    /// grid on the validation day (7, 15 and 31 leaves, up to 500 trees: bench/results/click-mind-trees-grid1.json) found only small
    /// lambdarank boosters helping and nothing past 300 trees or at 31 leaves; this grid is that one moved toward 3 leaves.
    /// </summary>
    internal static IReadOnlyList<LightGbmClickOptions> Settings(int seed) =>
    [
        .. from objective in new[] { ClickTreeObjective.Binary, ClickTreeObjective.LambdaRank }
           from leaves in new[] { 3, 7, 15 }
           from rate in new[] { 0.03, 0.1 }
           select new LightGbmClickOptions(objective, Trees: 0, leaves, rate, MinRowsInLeaf: 100, Seed: seed),
    ];

    internal static readonly int[] TreeCounts = [50, 100, 200, 300];

    internal static readonly double[] TreeWeights = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    public static ClickTreeSelection.Choice Select(IReadOnlyList<ClickImpression> fit, IReadOnlyList<ClickImpression> validation, ClickModelWeights mlp, int seed, TextWriter output)
    {
        using var scorer = new TorchClickScorer(mlp, "validation");
        var fitLogits = scorer.Logits(ClickRows.Stack(fit).Rows);
        var validationLogits = scorer.Logits(ClickRows.Stack(validation).Rows);
        var choice = ClickTreeSelection.Select(fit, validation, fitLogits, validationLogits, Settings(seed), TreeCounts, TreeWeights, trial =>
        {
            var best = trial.Blends.MaxBy(b => b.Validation.GroupAuc)!;
            output.WriteLine($"  validation  {trial.Options}: alone {trial.Alone.GroupAuc:F4}; blended {string.Join(" ", trial.Blends.Select(b => $"{b.TreeWeight:0.0}:{b.Validation.GroupAuc:F4}"))}; best w {best.TreeWeight:0.0} {best.Validation}");
        });
        output.WriteLine(choice.TreeWeight == 0
            ? $"trees chosen on validation: none (the MLP alone, {choice.Validation})"
            : $"trees chosen on validation: {choice.Options}, weight {choice.TreeWeight:0.0} ({choice.Validation}); group AUC {choice.Gain:+0.0000;-0.0000} ± {choice.GainStandardError:0.0000} (paired s.e.) over the MLP alone");
        return choice;
    }

    /// <summary>
    /// The final model: <paramref name="mlp"/> blended with trees of the chosen setting fitted on <paramref name="train"/>,
    /// standardised over the training rows; and, for the report, the MLP alone and the trees alone on <paramref name="test"/>.
    /// </summary>
    public static (ClickModelWeights Weights, JsonObject Parts) Fit(IReadOnlyList<ClickImpression> train, IReadOnlyList<ClickImpression> test, ClickModelWeights mlp,
        ClickTreeSelection.Choice choice, Func<ClickMetrics, JsonObject, JsonObject> metrics, TextWriter output)
    {
        var trees = LightGbmClickTrainer.Fit(train, choice.Options);
        var (weights, blend) = ClickTreeBlending.Blend(mlp, trees.Trees, train, choice.TreeWeight);
        using var mlpScorer = new TorchClickScorer(mlp, "mlp");
        var mlpAlone = ClickMetrics.Of(test, mlpScorer.Score, probabilities: true);
        var treesAlone = ClickMetrics.Of(test, trees.Score, probabilities: false);
        output.WriteLine($"  parts on test: MLP alone {mlpAlone.GroupAuc:F4}, trees alone {treesAlone.GroupAuc:F4}");
        return (weights, new JsonObject
        {
            ["mlpAlone"] = metrics(mlpAlone, []),
            ["treesAlone"] = metrics(treesAlone, []),
            ["blend"] = new JsonObject { ["treeWeight"] = blend.TreeWeight, ["factor"] = blend.Factor, ["offset"] = blend.Offset },
        });
    }

    /// <summary>The choice, its gain over the MLP alone on validation, and every trial, for the JSON report.</summary>
    public static JsonObject Report(ClickTreeSelection.Choice choice, Func<ClickMetrics, JsonObject, JsonObject> metrics) => new()
    {
        ["chosen"] = choice.TreeWeight == 0 ? "none" : choice.Options.ToString(),
        ["treeWeight"] = choice.TreeWeight,
        ["validation"] = metrics(choice.Validation, []),
        ["validationGainOverMlp"] = Math.Round(choice.Gain, 4),
        ["validationGainStandardError"] = Math.Round(choice.GainStandardError, 4),
        ["trials"] = Trials(choice, metrics),
    };

    private static JsonArray Trials(ClickTreeSelection.Choice choice, Func<ClickMetrics, JsonObject, JsonObject> metrics) => new(choice.Trials.Select(t => (JsonNode)metrics(t.Alone, new JsonObject
    {
        ["objective"] = t.Options.Objective.ToString(),
        ["trees"] = t.Options.Trees,
        ["leaves"] = t.Options.Leaves,
        ["learningRate"] = t.Options.LearningRate,
        ["minRowsInLeaf"] = t.Options.MinRowsInLeaf,
        ["blendGroupAucByTreeWeight"] = new JsonObject(t.Blends.Select(b => KeyValuePair.Create($"{b.TreeWeight:0.0}", (JsonNode?)Math.Round(b.Validation.GroupAuc, 4)))),
    })).ToArray());
}
