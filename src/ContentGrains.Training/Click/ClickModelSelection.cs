using ContentGrains.Core.Click;

namespace ContentGrains.Training.Click;

/// <summary>
/// Picks the click model's shape and epoch count on held-out impressions (e.g. the last training day): each
/// candidate shape trains on the earlier impressions, is scored on the held-out ones after every epoch, and the
/// (shape, epochs) with the best group AUC wins. The test day never takes part.
/// </summary>
public static class ClickModelSelection
{
    public sealed record Trial(int Hidden, int Epochs, ClickMetrics Validation);

    public sealed record Choice(ClickModelOptions Options, IReadOnlyList<Trial> Trials);

    public static Choice Select(IReadOnlyList<ClickImpression> fit, IReadOnlyList<ClickImpression> validation, IReadOnlyList<ClickModelOptions> candidates, int seed)
    {
        if (candidates.Count == 0) throw new ArgumentException("at least one candidate model is needed", nameof(candidates));
        var (rows, labels) = ClickRows.Stack(fit);
        var trials = new List<Trial>();
        foreach (var candidate in candidates)
            ClickTrainer.Train(rows, labels, candidate, seed, (epoch, weights) =>
            {
                using var scorer = new TorchClickScorer(weights, "validation");
                trials.Add(new Trial(candidate.Hidden, epoch, ClickMetrics.Of(validation, scorer.Score, probabilities: true)));
            });
        var best = trials.MaxBy(t => t.Validation.GroupAuc)!;
        var options = candidates.First(c => c.Hidden == best.Hidden) with { Epochs = best.Epochs };
        return new Choice(options, trials);
    }
}
