using ContentGrains.Core.Click;

namespace ContentGrains.Training.Click;

/// <summary>
/// Picks the click model's shape and epoch count on held-out impressions (e.g. the last training day): each
/// candidate shape trains on the earlier impressions, is scored on the held-out ones after every epoch, and the
/// (shape, epochs) with the best group AUC wins. The test day never takes part.
/// </summary>
public static class ClickModelSelection
{
    /// <summary>A candidate's options with the epochs it had run when scored, its validation metrics, and its weights (fitted on the earlier impressions).</summary>
    public sealed record Trial(ClickModelOptions Options, ClickMetrics Validation, ClickModelWeights Weights);

    /// <summary>The best trial's options and weights (a blend is chosen on top of them), and every trial.</summary>
    public sealed record Choice(ClickModelOptions Options, ClickModelWeights Weights, IReadOnlyList<Trial> Trials);

    public static Choice Select(IReadOnlyList<ClickImpression> fit, IReadOnlyList<ClickImpression> validation, IReadOnlyList<ClickModelOptions> candidates, int seed)
    {
        if (candidates.Count == 0) throw new ArgumentException("at least one candidate model is needed", nameof(candidates));
        var trials = new List<Trial>();
        foreach (var candidate in candidates)
            ClickTrainer.Train(fit, candidate, seed, (epoch, weights) =>
            {
                using var scorer = new TorchClickScorer(weights, "validation");
                trials.Add(new Trial(candidate with { Epochs = epoch }, ClickMetrics.Of(validation, scorer.Score, probabilities: true), weights));
            });
        var best = trials.MaxBy(t => t.Validation.GroupAuc)!;
        return new Choice(best.Options, best.Weights, trials);
    }
}
