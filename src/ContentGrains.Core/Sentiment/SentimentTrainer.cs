namespace ContentGrains.Core.Sentiment;

/// <summary>Accuracy of one outer fold and the penalty and sentence-vector weight the inner folds chose for it.</summary>
public sealed record FoldResult(int Fold, double Accuracy, double L2, double DenseScale = 1);

/// <summary>A training setting: the L2 penalty and the weight of the sentence-vector block against the TF-IDF block.</summary>
public readonly record struct TrainingSetting(double L2, double DenseScale);

/// <summary>
/// Fits <see cref="SentimentModel"/> from labelled sentences and their sentence vectors (computed once: the encoder is
/// pretrained and never sees the labels). The L2 penalty is chosen from <see cref="Penalties"/> by cross-validation
/// inside the training data only, so an outer fold's test sentences never influence the choice. So is the weight of the
/// sentence vector against the TF-IDF block (<see cref="DenseScales"/>): both blocks have unit length, and one shared
/// penalty would otherwise hold the 384 dense weights as hard as the 16,384 sparse ones; scaling the vector by s is the
/// same as penalising its weights s² times less. The scale is folded into the stored weights, so scoring is unchanged.
/// </summary>
public static class SentimentTrainer
{
    public static readonly double[] Penalties = [3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
    public static readonly double[] DenseScales = [1, 2];

    public static SentimentFeatures Features(float[] vector, TfIdfVocabulary vocabulary, string text)
    {
        var (index, value) = vocabulary.Transform(text);
        return new SentimentFeatures(vector, index, value);
    }

    /// <summary>Trains on all the sentences, the penalty chosen by <paramref name="innerFolds"/>-fold cross-validation.</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int innerFolds = 3, int seed = 1)
    {
        var all = Enumerable.Range(0, sentences.Count).ToArray();
        var setting = Choose(sentences, vectors, all, innerFolds, seed);
        var (vocabulary, fit) = Fit(sentences, vectors, all, setting);
        return SentimentModel.From(encoder, vocabulary, fit, setting.L2, setting.DenseScale);
    }

    /// <summary>Trains on all the sentences with the given penalty (no cross-validation: one fit).</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, double l2)
    {
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), "the penalty must be zero or above");
        var (vocabulary, fit) = Fit(sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), new TrainingSetting(l2, 1));
        return SentimentModel.From(encoder, vocabulary, fit, l2);
    }

    /// <summary>Stratified <paramref name="folds"/>-fold accuracy, each fold's penalty chosen inside its training part.</summary>
    public static List<FoldResult> CrossValidate(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int folds = 5, int innerFolds = 3, int seed = 1)
    {
        var assignment = Folds(sentences, folds, seed);
        var results = new List<FoldResult>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] != f).ToArray();
            var test = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] == f).ToArray();
            var setting = Choose(sentences, vectors, train, innerFolds, seed + f + 1);
            results.Add(new FoldResult(f, Accuracy(sentences, vectors, train, test, setting), setting.L2, setting.DenseScale));
        }
        return results;
    }

    private static TrainingSetting Choose(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, int folds, int seed)
    {
        var subset = rows.Select(i => sentences[i]).ToList();
        var assignment = Folds(subset, folds, seed);
        return DenseScales.SelectMany(scale => Penalties.Select(l2 => new TrainingSetting(l2, scale))).MaxBy(setting => Enumerable.Range(0, folds).Average(f =>
            Accuracy(sentences, vectors, rows.Where((_, k) => assignment[k] != f).ToArray(), rows.Where((_, k) => assignment[k] == f).ToArray(), setting)));
    }

    private static double Accuracy(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] train, int[] test, TrainingSetting setting)
    {
        var (vocabulary, fit) = Fit(sentences, vectors, train, setting);
        return test.Average(i => fit.Probability(Features(vectors[i], vocabulary, sentences[i].Text)) >= 0.5 == sentences[i].Positive ? 1.0 : 0.0);
    }

    /// <summary>Fits on scaled sentence vectors, then folds the scale into the dense weights: the fit scores unscaled vectors.</summary>
    private static (TfIdfVocabulary, LogisticRegression) Fit(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, TrainingSetting setting)
    {
        var vocabulary = TfIdfVocabulary.Fit(rows.Select(i => sentences[i].Text));
        var scale = (float)setting.DenseScale;
        var xs = rows.Select(i => Features(scale == 1 ? vectors[i] : vectors[i].Select(v => v * scale).ToArray(), vocabulary, sentences[i].Text)).ToList();
        var fit = LogisticRegression.Fit(xs, rows.Select(i => sentences[i].Positive).ToList(), setting.L2);
        return (vocabulary, scale == 1 ? fit : new LogisticRegression(fit.DenseWeights.Select(w => w * scale).ToArray(), fit.SparseWeights, fit.Bias));
    }

    /// <summary>A fold per sentence, positives and negatives each dealt round-robin after a seeded shuffle.</summary>
    private static int[] Folds(IReadOnlyList<LabelledSentence> sentences, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[sentences.Count];
        foreach (var label in new[] { true, false })
        {
            var rows = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].Positive == label).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++) fold[rows[k]] = k % folds;
        }
        return fold;
    }
}
