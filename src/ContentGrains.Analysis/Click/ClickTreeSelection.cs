using ContentGrains.Core.Click;

namespace ContentGrains.Analysis.Click;

/// <summary>
/// Chooses the click model's boosted trees and their blend with the MLP on held-out impressions (the validation day):
/// each LightGBM setting is fitted once on the earlier impressions with its largest tree count, scored with its first
/// n trees for each n of the grid (a booster stopped early), alone and blended with the already chosen MLP at each
/// trees' weight. The setting, tree count and weight with the best group AUC win; weight 0 (the MLP alone) is always a
/// candidate, so the trees are only kept when they help on validation. The test day never takes part.
/// </summary>
public static class ClickTreeSelection
{
    /// <summary>One setting stopped at one tree count: its metrics alone, and blended at each weight.</summary>
    public sealed record Trial(LightGbmClickOptions Options, ClickMetrics Alone, IReadOnlyList<BlendTrial> Blends);

    public sealed record BlendTrial(double TreeWeight, ClickMetrics Validation);

    /// <summary>
    /// The chosen setting (its tree count included) and trees' weight, with the validation metrics they reached, and
    /// every trial. Gain is the chosen blend's group AUC over the MLP alone's on validation, with the standard error of
    /// that paired difference over the impressions (each impression's AUC difference is one observation).
    /// </summary>
    public sealed record Choice(LightGbmClickOptions Options, double TreeWeight, ClickMetrics Validation, IReadOnlyList<Trial> Trials, double Gain, double GainStandardError);

    /// <param name="fitLogits">The chosen MLP's logit for every row of <paramref name="fit"/>, in order (the blend's standardisation).</param>
    /// <param name="validationLogits">Its logit for every row of <paramref name="validation"/>, in order.</param>
    /// <param name="treeCounts">Tree counts to stop at; each setting is fitted with the largest.</param>
    public static Choice Select(IReadOnlyList<ClickImpression> fit, IReadOnlyList<ClickImpression> validation, double[] fitLogits, double[] validationLogits,
        IReadOnlyList<LightGbmClickOptions> settings, IReadOnlyList<int> treeCounts, IReadOnlyList<double> treeWeights, Action<Trial>? progress = null)
    {
        if (settings.Count == 0 || treeCounts.Count == 0 || treeWeights.Count == 0) throw new ArgumentException("settings, tree counts and weights must each have at least one value");
        var (fitRows, _) = ClickRows.Stack(fit);
        var (validationRows, _) = ClickRows.Stack(validation);
        if (fitLogits.Length != fitRows.Length / ClickFeatures.Count || validationLogits.Length != validationRows.Length / ClickFeatures.Count)
            throw new ArgumentException("the MLP's logits must cover every fit and validation row");
        var mlpAlone = Metrics(validation, validationLogits);
        var trials = new List<Trial>();
        var best = (Options: settings[0] with { Trees = 0 }, Weight: 0.0, Validation: mlpAlone, Scores: validationLogits);
        foreach (var setting in settings)
        {
            var trees = LightGbmClickTrainer.Fit(fit, setting with { Trees = treeCounts.Max() }).Trees;
            foreach (var count in treeCounts.Order())
            {
                var fitScores = trees.Score(fitRows, ClickFeatures.Count, count);
                var validationScores = trees.Score(validationRows, ClickFeatures.Count, count);
                var blends = new List<BlendTrial>();
                var blendedScores = new List<double[]>();
                foreach (var weight in treeWeights)
                {
                    var blend = ClickBlend.Standardised(fitLogits, fitScores, weight);
                    var blended = validationLogits.Select((l, i) => blend.Logit(l, validationScores[i])).ToArray();
                    blends.Add(new BlendTrial(weight, Metrics(validation, blended)));
                    blendedScores.Add(blended);
                }
                var binary = setting.Objective == ClickTreeObjective.Binary;
                var alone = binary ? validationScores.Select(s => s / LightGbmClickTrainer.BinaryScorePerLogit).ToArray() : validationScores;
                var trial = new Trial(setting with { Trees = count }, Metrics(validation, alone, probabilities: binary), blends);
                trials.Add(trial);
                progress?.Invoke(trial);
                for (var b = 0; b < blends.Count; b++)
                    if (blends[b].Validation.GroupAuc > best.Validation.GroupAuc) best = (trial.Options, blends[b].TreeWeight, blends[b].Validation, blendedScores[b]);
            }
        }
        var (gain, error) = PairedAucGain(validation, validationLogits, best.Scores);
        return new Choice(best.Options, best.Weight, best.Validation, trials, gain, error);
    }

    /// <summary>Mean and standard error over the scorable impressions of AUC(<paramref name="candidate"/>) − AUC(<paramref name="baseline"/>).</summary>
    internal static (double Mean, double StandardError) PairedAucGain(IReadOnlyList<ClickImpression> impressions, double[] baseline, double[] candidate)
    {
        var differences = new List<double>();
        var at = 0;
        foreach (var impression in impressions)
        {
            var count = impression.CandidateCount;
            if (ImpressionMetrics.IsScorable(impression.Labels))
                differences.Add(ImpressionMetrics.Auc(Floats(candidate, at, count), impression.Labels) - ImpressionMetrics.Auc(Floats(baseline, at, count), impression.Labels));
            at += count;
        }
        var mean = differences.Average();
        var variance = differences.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, differences.Count - 1);
        return (mean, Math.Sqrt(variance / differences.Count));
    }

    private static float[] Floats(double[] scores, int start, int count) => scores.AsSpan(start, count).ToArray().Select(s => (float)s).ToArray();

    /// <summary>Metrics of per-row scores (in impression order); logits become probabilities for the log-loss. Binary LightGBM's raw score is 2 × its logit.</summary>
    private static ClickMetrics Metrics(IReadOnlyList<ClickImpression> impressions, double[] scores, bool probabilities = true)
    {
        var offsets = new Dictionary<float[], int>(ReferenceEqualityComparer.Instance);
        var at = 0;
        foreach (var impression in impressions)
        {
            offsets[impression.Rows] = at;
            at += impression.CandidateCount;
        }
        return ClickMetrics.Of(impressions, rows =>
        {
            var start = offsets[rows];
            var count = rows.Length / ClickFeatures.Count;
            var result = new float[count];
            for (var i = 0; i < count; i++) result[i] = probabilities ? (float)(1 / (1 + Math.Exp(-scores[start + i]))) : (float)scores[start + i];
            return result;
        }, probabilities);
    }
}
