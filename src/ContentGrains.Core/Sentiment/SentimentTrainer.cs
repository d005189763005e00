namespace ContentGrains.Core.Sentiment;

/// <summary>Accuracy of one outer fold and the penalty the inner folds chose for it.</summary>
public sealed record FoldResult(int Fold, double Accuracy, double L2);

/// <summary>
/// Fits <see cref="SentimentModel"/> from labelled sentences and their sentence vectors (computed once: the encoder is
/// pretrained and never sees the labels). The L2 penalty is chosen from <see cref="Penalties"/> by cross-validation
/// inside the training data only, so an outer fold's test sentences never influence the choice.
/// </summary>
public static class SentimentTrainer
{
    public static readonly double[] Penalties = [3e-5, 1e-4, 3e-4, 1e-3, 3e-3];

    public static SentimentFeatures Features(float[] vector, TfIdfVocabulary vocabulary, string text)
    {
        var (index, value) = vocabulary.Transform(text);
        return new SentimentFeatures(vector, index, value);
    }

    /// <summary>Trains on all the sentences, the penalty chosen by <paramref name="innerFolds"/>-fold cross-validation.</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int innerFolds = 3, int seed = 1)
    {
        var all = Enumerable.Range(0, sentences.Count).ToArray();
        var l2 = ChoosePenalty(sentences, vectors, all, innerFolds, seed);
        var (vocabulary, fit) = Fit(sentences, vectors, all, l2);
        return SentimentModel.From(encoder, vocabulary, fit, l2);
    }

    /// <summary>Trains on all the sentences with the given penalty (no cross-validation: one fit).</summary>
    public static SentimentModel Train(string encoder, IReadOnlyList<LabelledSentence> sentences, float[][] vectors, double l2)
    {
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), "the penalty must be zero or above");
        var (vocabulary, fit) = Fit(sentences, vectors, Enumerable.Range(0, sentences.Count).ToArray(), l2);
        return SentimentModel.From(encoder, vocabulary, fit, l2);
    }

    /// <summary>Stratified <paramref name="folds"/>-fold accuracy, each fold's penalty chosen inside its training part.</summary>
    /// <param name="foldDone">Told each fold once it is scored (a caller's progress display).</param>
    public static List<FoldResult> CrossValidate(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int folds = 5, int innerFolds = 3, int seed = 1,
        Action<int>? foldDone = null)
    {
        var assignment = Folds(sentences, folds, seed);
        var results = new List<FoldResult>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] != f).ToArray();
            var test = Enumerable.Range(0, sentences.Count).Where(i => assignment[i] == f).ToArray();
            var l2 = ChoosePenalty(sentences, vectors, train, innerFolds, seed + f + 1);
            results.Add(new FoldResult(f, Accuracy(sentences, vectors, train, test, l2), l2));
            foldDone?.Invoke(f);
        }
        return results;
    }

    private static double ChoosePenalty(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, int folds, int seed)
    {
        var subset = rows.Select(i => sentences[i]).ToList();
        var assignment = Folds(subset, folds, seed);
        return Penalties.MaxBy(l2 => Enumerable.Range(0, folds).Average(f =>
            Accuracy(sentences, vectors, rows.Where((_, k) => assignment[k] != f).ToArray(), rows.Where((_, k) => assignment[k] == f).ToArray(), l2)));
    }

    private static double Accuracy(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] train, int[] test, double l2)
    {
        var (vocabulary, fit) = Fit(sentences, vectors, train, l2);
        return test.Average(i => fit.Probability(Features(vectors[i], vocabulary, sentences[i].Text)) >= 0.5 == sentences[i].Positive ? 1.0 : 0.0);
    }

    private static (TfIdfVocabulary, LogisticRegression) Fit(IReadOnlyList<LabelledSentence> sentences, float[][] vectors, int[] rows, double l2)
    {
        var vocabulary = TfIdfVocabulary.Fit(rows.Select(i => sentences[i].Text));
        var xs = rows.Select(i => Features(vectors[i], vocabulary, sentences[i].Text)).ToList();
        return (vocabulary, LogisticRegression.Fit(xs, rows.Select(i => sentences[i].Positive).ToList(), l2));
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
